using System.Globalization;
using System.Text;

namespace PromptGen.Generators.Emit;

/// <summary>The build-time twins of System.Text.Json's known naming policies, so the schema names what the deserializer reads.</summary>
internal static class JsonNaming
{
    public static string Apply(string? policy, string name) => policy switch
    {
        "CamelCase" => CamelCase(name),
        "SnakeCaseLower" => Separated(name, '_', lower: true),
        "SnakeCaseUpper" => Separated(name, '_', lower: false),
        "KebabCaseLower" => Separated(name, '-', lower: true),
        "KebabCaseUpper" => Separated(name, '-', lower: false),
        _ => name,
    };

    public static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    private static string Separated(string name, char separator, bool lower)
    {
        var builder = new StringBuilder(name.Length + 8);
        var state = 0; // 0 not started, 1 upper, 2 lower or digit, 3 space
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state is 2 or 3 || (state == 1 && i + 1 < name.Length && char.IsLower(name[i + 1])))
                    {
                        builder.Append(separator);
                    }

                    builder.Append(lower ? char.ToLowerInvariant(c) : c);
                    state = 1;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == 3)
                    {
                        builder.Append(separator);
                    }

                    builder.Append(lower ? c : char.ToUpperInvariant(c));
                    state = 2;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    state = state == 0 ? 0 : 3;
                    break;
                default:
                    builder.Append(c);
                    state = 0;
                    break;
            }
        }

        return builder.ToString();
    }
}
