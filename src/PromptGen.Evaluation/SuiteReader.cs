using System.Text;
using System.Text.Json;

namespace PromptGen.Evaluation;

/// <summary>
/// Reads a suite file into a <see cref="SuiteDocument"/>: YAML by extension, otherwise JSON. A JSON file whose first
/// significant character is <c>{</c> is PromptGen's format; anything else is llm_call's dialect (explanatory text before
/// the <c>[</c>, <c>//</c> comments, Python <c>True</c>/<c>False</c>/<c>None</c>), normalised without moving any
/// character so errors keep their line and column.
/// </summary>
internal static class SuiteReader
{
    private static readonly JsonReaderOptions s_readerOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static SuiteDocument Read(string file, string fullPath)
    {
        string text;
        if (Directory.Exists(fullPath))
        {
            throw new SuiteLoadException(file, $"Suite file '{file}' is a directory ({fullPath}); give the path of a suite file (.json, .yaml or .yml).");
        }

        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SuiteLoadException(file, $"Suite file '{file}' was not found (looked for {fullPath}).");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SuiteLoadException(file, $"Suite file '{file}' cannot be read: {exception.Message}");
        }

        var extension = Path.GetExtension(fullPath);
        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return YamlSuite.Read(file, fullPath, text);
        }

        var first = text.AsSpan().TrimStart().TrimStart('\uFEFF');
        var format = first.Length > 0 && first[0] == '{' ? SuiteFormat.PromptGen : SuiteFormat.LlmCall;
        if (format == SuiteFormat.LlmCall)
        {
            text = NormaliseLlmCall(file, text);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var positions = CasePositions(file, bytes, format);
        var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var expected = format == SuiteFormat.PromptGen ? JsonValueKind.Object : JsonValueKind.Array;
        if (document.RootElement.ValueKind != expected)
        {
            document.Dispose();
            throw SuiteErrors.At(file, 1, 1, format == SuiteFormat.PromptGen
                ? "expected a PromptGen suite object { \"cases\": [ … ] }"
                : "expected an llm_call suite: a JSON array of { \"test_case_id\", \"llm_config\" } objects");
        }

        return new SuiteDocument(file, fullPath, format, document, positions);
    }

    /// <summary>Blanks the preamble before the case array and maps Python literals to JSON, keeping every offset.</summary>
    internal static string NormaliseLlmCall(string file, string text)
    {
        var chars = text.ToCharArray();
        var start = FindArrayStart(text);
        if (start < 0)
        {
            throw SuiteErrors.At(file, 1, 1, "expected a JSON array '[' of test cases (llm_call format) or a PromptGen suite object '{'");
        }

        for (var i = 0; i < start; i++)
        {
            if (chars[i] is not ('\n' or '\r'))
            {
                chars[i] = ' ';
            }
        }

        for (var i = start; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '"')
            {
                for (i++; i < chars.Length && chars[i] != '"'; i++)
                {
                    if (chars[i] == '\\')
                    {
                        i++;
                    }
                }
            }
            else if (c == '/' && i + 1 < chars.Length && chars[i + 1] == '/')
            {
                while (i < chars.Length && chars[i] != '\n')
                {
                    i++;
                }
            }
            else if (char.IsLetter(c) && (i == 0 || !char.IsLetterOrDigit(chars[i - 1])))
            {
                Replace(chars, i, "True", "true");
                Replace(chars, i, "False", "false");
                Replace(chars, i, "None", "null");
            }
        }

        return new string(chars);
    }

    private static int FindArrayStart(string text)
    {
        // The explanatory text may itself mention '[' (even open a line with "[Note]"): prefer a '[' that opens a line
        // and opens an array of cases (the next significant character starts an object, a string, a comment or ends it).
        var index = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith('['))
            {
                var at = index + line.IndexOf('[', StringComparison.Ordinal);
                var next = text.AsSpan(at + 1).TrimStart();
                if (next.Length == 0 || next[0] is '{' or ']' or '"' or '/')
                {
                    return at;
                }
            }

            index += line.Length + 1;
        }

        return text.IndexOf('[', StringComparison.Ordinal);
    }

    private static void Replace(char[] chars, int at, string python, string json)
    {
        var end = at + python.Length;
        if (end <= chars.Length && new string(chars, at, python.Length) == python && (end == chars.Length || !char.IsLetterOrDigit(chars[end])))
        {
            json.CopyTo(0, chars, at, json.Length);
        }
    }

    /// <summary>Checks the syntax (errors with line and column) and records where each element of the case array starts.</summary>
    private static List<(int Line, int Column)> CasePositions(string file, byte[] bytes, SuiteFormat format)
    {
        var positions = new List<(int, int)>();
        var lines = new LineCounter(bytes);
        var containers = new Stack<bool>();
        var keys = new Stack<HashSet<string>?>();
        var reader = new Utf8JsonReader(bytes, s_readerOptions);
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        property = reader.CurrentDepth == 1 ? name : null;
                        if (keys.Peek() is { } seen && !seen.Add(name))
                        {
                            // JsonDocument keeps both and reads the last: a rule given twice would silently drop one.
                            var (line, column) = lines.At((int)reader.TokenStartIndex);
                            throw SuiteErrors.At(file, line, column, $"duplicate key \"{name}\"; each key may appear once in an object (merge the two)");
                        }

                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.Pop();
                        keys.Pop();
                        continue;
                }

                if (containers.Count > 0 && containers.Peek())
                {
                    positions.Add(lines.At((int)reader.TokenStartIndex));
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    var isCases = reader.TokenType == JsonTokenType.StartArray && (format == SuiteFormat.LlmCall
                        ? reader.CurrentDepth == 0
                        : reader.CurrentDepth == 1 && property == "cases");
                    containers.Push(isCases);
                    keys.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                }
            }
        }
        catch (JsonException exception)
        {
            var message = exception.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw SuiteErrors.At(file, (int)(exception.LineNumber ?? 0) + 1, (int)(exception.BytePositionInLine ?? 0) + 1, "invalid JSON: " + (cut > 0 ? message[..cut] : message));
        }

        return positions;
    }
}
