using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>
/// A path to a field of a JSON value: property names separated by dots and array indices in brackets, for example
/// <c>user.address.city</c>, <c>items[0].name</c>, <c>matrix[1][2]</c> or <c>meta['a.b']</c>; an optional leading <c>$.</c> is allowed.
/// Evaluation never throws, whatever the JSON.
/// </summary>
public sealed class FieldPath
{
    private readonly (string? Name, int Index)[] _segments;

    private FieldPath(string text, (string? Name, int Index)[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>Gets the path as written.</summary>
    public string Text { get; }

    /// <summary>Parses a path.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The parsed path.</returns>
    /// <exception cref="ArgumentException">The path is malformed; the message says where.</exception>
    public static FieldPath Parse(string path) =>
        TryParse(path, out var parsed, out var error) ? parsed : throw new ArgumentException(error, nameof(path));

    /// <summary>Parses a path without throwing.</summary>
    /// <param name="path">The path.</param>
    /// <param name="result">The parsed path.</param>
    /// <param name="error">What is wrong with the path, when it does not parse.</param>
    /// <returns><see langword="true"/> when the path is well formed.</returns>
    public static bool TryParse(string? path, [NotNullWhen(true)] out FieldPath? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            error = "A field path must not be empty; write it like 'user.address.city' or 'items[0].name'.";
            return false;
        }

        var segments = new List<(string?, int)>();
        var i = path.StartsWith("$.", StringComparison.Ordinal) ? 2 : path.StartsWith('$') ? 1 : 0;
        var expectName = i != 1;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                if (!TryBracket(path, ref i, segments, out error))
                {
                    return false;
                }

                expectName = false;
            }
            else if (path[i] == '.' && !expectName)
            {
                i++;
                expectName = true;
                if (i == path.Length)
                {
                    error = $"Field path '{path}' ends with '.'; name the field after it.";
                    return false;
                }
            }
            else if (expectName)
            {
                var start = i;
                while (i < path.Length && path[i] is not ('.' or '['))
                {
                    i++;
                }

                if (i == start)
                {
                    error = $"Field path '{path}' has an empty name at position {start + 1}.";
                    return false;
                }

                segments.Add((path[start..i].Trim(), -1));
                expectName = false;
            }
            else
            {
                error = $"Field path '{path}' has an unexpected '{path[i]}' at position {i + 1}; separate names with '.' and write indices as [0].";
                return false;
            }
        }

        if (segments.Count == 0)
        {
            error = $"Field path '{path}' names no field.";
            return false;
        }

        error = null;
        result = new FieldPath(path, [.. segments]);
        return true;
    }

    /// <summary>Finds the value at this path.</summary>
    /// <param name="root">The JSON value to look in.</param>
    /// <param name="value">The value found.</param>
    /// <returns><see langword="true"/> when every segment exists (the value may be JSON null).</returns>
    public bool TryGet(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var (name, index) in _segments)
        {
            if (name is not null)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    value = default;
                    return false;
                }
            }
            else if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
            {
                value = default;
                return false;
            }
            else
            {
                value = value[index];
            }
        }

        return true;
    }

    /// <summary>Whether the field exists and is not JSON null.</summary>
    /// <param name="root">The JSON value to look in.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool IsPresent(JsonElement root) => TryGet(root, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>
    /// Decides the field on an answer still being written: <see cref="PartialField.Missing"/> once a complete container
    /// lacks it (the rest of the answer cannot add it), <see cref="PartialField.Complete"/> once its value is complete
    /// (<paramref name="value"/>), otherwise <see cref="PartialField.Open"/>.
    /// </summary>
    /// <param name="answer">The answer so far.</param>
    /// <param name="value">The field's complete value.</param>
    /// <returns>What the answer so far decides about the field.</returns>
    internal PartialField Decide(PartialAnswer answer, out JsonElement value)
    {
        value = answer.Value;
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return PartialField.Open;
        }

        var path = "$";
        foreach (var (name, index) in _segments)
        {
            var found = name is not null
                ? value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out value)
                : value.ValueKind == JsonValueKind.Array && index < value.GetArrayLength() && (value = value[index]).ValueKind != JsonValueKind.Undefined;
            if (!found)
            {
                value = default;
                return answer.IsComplete(path) ? PartialField.Missing : PartialField.Open;
            }

            path = name is not null ? PartialJsonParser.Member(path, name) : $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
        }

        return answer.IsComplete(path) ? PartialField.Complete : PartialField.Open;
    }

    private static bool TryBracket(string path, ref int i, List<(string?, int)> segments, [NotNullWhen(false)] out string? error)
    {
        var close = path.IndexOf(']', i);
        if (close < 0)
        {
            error = $"Field path '{path}' opens '[' at position {i + 1} without a closing ']'.";
            return false;
        }

        var inside = path.AsSpan(i + 1, close - i - 1).Trim();
        if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0])
        {
            segments.Add((inside[1..^1].ToString(), -1));
        }
        else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            segments.Add((null, index));
        }
        else
        {
            error = $"Field path '{path}' has '[{inside}]' at position {i + 1}; an index must be a non-negative whole number such as [0], or a quoted name such as ['a.b'].";
            return false;
        }

        i = close + 1;
        error = null;
        return true;
    }
}
