using System.Text.Json;

namespace PromptGen.Cli;

/// <summary>
/// Checks the keys of a configuration file before Microsoft.Extensions.Configuration reads it: .NET configuration keys
/// are case-insensitive, so a key given twice in any spelling (<c>DefaultModel</c> and <c>defaultmodel</c>) is an error
/// at its line and column, and so is a top-level section PromptGen does not read (a misspelled <c>PromtGen</c> would
/// otherwise be ignored and every setting in it lost).
/// </summary>
internal static class ConfigurationFileKeys
{
    /// <summary>The sections the tool reads; keys starting with <c>_</c> and <c>$schema</c> are comments.</summary>
    private static readonly string[] s_sections = [PromptGenOptions.SectionName, Evaluation.TestRun.PricesSectionName];

    private static readonly JsonReaderOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Checks the keys and returns the position of every key by its configuration path (for example <c>PromptGen:Aliases:fast</c>).</summary>
    public static Dictionary<string, (int Line, int Column)> Check(string shown, byte[] bytes)
    {
        var positions = new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase);
        var lines = new LineCounter(bytes);
        var objects = new Stack<HashSet<string>?>();
        var path = new List<string>();
        var reader = new Utf8JsonReader(bytes, s_options);
        while (reader.Read())
        {
            // The path of the current value: one name per open object level below the root.
            if (path.Count > reader.CurrentDepth)
            {
                path.RemoveRange(reader.CurrentDepth, path.Count - reader.CurrentDepth);
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects.Push(new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                    break;
                case JsonTokenType.StartArray:
                    objects.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    objects.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    path.Add(name);
                    positions.TryAdd(string.Join(':', path), lines.At((int)reader.TokenStartIndex));
                    if (objects.Peek() is { } seen && !seen.Add(name))
                    {
                        throw Error(shown, lines, reader, $"the key '{name}' is given twice in the same object (configuration keys ignore case, so '{seen.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))}' and '{name}' are the same key). Keep one.");
                    }

                    if (reader.CurrentDepth == 1 && !name.StartsWith('_') && name != "$schema" && !s_sections.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        throw Error(shown, lines, reader, $"unknown section '{name}'. The sections read are {string.Join(" and ", s_sections)}; check the spelling (keys starting with '_' are comments).");
                    }

                    break;
            }
        }

        return positions;
    }

    private static CliUsageException Error(string shown, LineCounter lines, Utf8JsonReader reader, string message)
    {
        var (line, column) = lines.At((int)reader.TokenStartIndex);
        return new CliUsageException($"Configuration file '{shown}' ({line},{column}): {message}");
    }
}
