using System.Globalization;
using System.Text;

namespace PromptGen.Validation.Lenient;

/// <summary>Word-level text matching for enum members and scalars in prose: case-, accent- and punctuation-insensitive.</summary>
internal static class TextMatch
{
    /// <summary>Lower-cases, removes accents and turns every run of other characters into one space (or nothing).</summary>
    public static string Normalize(string text, bool keepSpaces)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                space = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                space = keepSpaces;
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="words"/> occurs in <paramref name="text"/> on word boundaries (both normalized).</summary>
    public static bool Contains(string text, string words)
    {
        if (words.Length == 0)
        {
            return false;
        }

        for (var at = text.IndexOf(words, StringComparison.Ordinal); at >= 0; at = text.IndexOf(words, at + 1, StringComparison.Ordinal))
        {
            var end = at + words.Length;
            if ((at == 0 || text[at - 1] == ' ') && (end == text.Length || text[end] == ' '))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The distinct numbers written in prose (thousands separators removed).</summary>
    public static List<string> Numbers(string text)
    {
        var found = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '.')))
            {
                continue;
            }

            var start = i > 0 && text[i - 1] == '-' ? i - 1 : i;
            var end = i;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || (text[end] is ',' or '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
            {
                end++;
            }

            var number = text[start..end].Replace(",", string.Empty, StringComparison.Ordinal);
            if (!found.Contains(number))
            {
                found.Add(number);
            }

            i = end;
        }

        return found;
    }
}
