using System.Collections.Generic;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Templates;

/// <summary>
/// The one path parser of the generator: <c>order.Customer.Name</c> in templates and <c>items[0].name</c> in rule
/// attributes. Names are separated by <c>.</c>; each may be followed by <c>[n]</c> indexes.
/// </summary>
/// <param name="Segments">The segments in order.</param>
/// <param name="Problem">What is wrong with the path, or <see langword="null"/>.</param>
internal sealed record MemberPath(EquatableArray<PathSegment> Segments, string? Problem)
{
    /// <summary>Parses <paramref name="path"/>; segment offsets are <paramref name="offset"/> plus the offset in the path.</summary>
    public static MemberPath Parse(string path, int offset = 0)
    {
        var segments = new List<PathSegment>();
        if (path.Trim().Length == 0)
        {
            return new MemberPath(EquatableArray<PathSegment>.Empty, "the path is empty");
        }

        var start = 0;
        while (start <= path.Length)
        {
            var end = path.IndexOf('.', start);
            end = end < 0 ? path.Length : end;
            var text = path.Substring(start, end - start);
            var bracket = text.IndexOf('[');
            var name = bracket < 0 ? text : text.Substring(0, bracket);
            var indexes = 0;
            for (var open = bracket; open >= 0; open = text.IndexOf('[', open + 1))
            {
                var close = text.IndexOf(']', open);
                if (close < 0 || !IsDigits(text.Substring(open + 1, close - open - 1)))
                {
                    return new MemberPath(segments.ToEquatableArray(), $"'{text}' has an index that is not '[n]' with a number n");
                }

                indexes++;
            }

            if (text.Length == 0 || (name.Length == 0 && segments.Count > 0))
            {
                return new MemberPath(segments.ToEquatableArray(), "the path has an empty segment");
            }

            segments.Add(new PathSegment(name, text, offset + start, name.Length == 0 ? text.Length : name.Length, indexes));
            start = end + 1;
            if (end == path.Length)
            {
                break;
            }
        }

        return new MemberPath(segments.ToEquatableArray(), null);
    }

    /// <summary>Whether <paramref name="name"/> is a C#-style identifier (letters, digits, '_'; not starting with a digit).</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
