using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PromptGen.Evaluation;

/// <summary>Reads a PromptGen suite written in YAML into the same JSON tree the JSON format gives, keeping case positions.</summary>
internal static class YamlSuite
{
    public static SuiteDocument Read(string file, string fullPath, string text)
    {
        CheckSyntax(file, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            // A key given twice ("Duplicate key") is found only when the tree is built.
            var message = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
            throw SuiteErrors.At(file, (int)exception.Start.Line, (int)exception.Start.Column, "invalid YAML: " + message + "; each key may appear once in a mapping");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw SuiteErrors.At(file, 1, 1, "expected a PromptGen suite mapping with a 'cases:' list");
        }

        var positions = new List<(int, int)>();
        foreach (var entry in root.Children)
        {
            if (entry.Key is YamlScalarNode { Value: "cases" } && entry.Value is YamlSequenceNode cases)
            {
                positions.AddRange(cases.Children.Select(c => ((int)c.Start.Line, (int)c.Start.Column)));
            }
        }

        var json = ToJson(file, root)!.ToJsonString();
        return new SuiteDocument(file, fullPath, SuiteFormat.PromptGen, JsonDocument.Parse(json), positions);
    }

    /// <summary>Reads every parser event first, so a syntax error is reported with its line and column.</summary>
    private static void CheckSyntax(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
            }
        }
        catch (YamlException exception)
        {
            var message = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
            throw SuiteErrors.At(file, (int)exception.Start.Line, (int)exception.Start.Column, "invalid YAML: " + message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way at the end of an unclosed flow collection.
            throw SuiteErrors.At(file, (int)last.Line, (int)last.Column, "invalid YAML: the input ends inside a [ … ] or { … } that is never closed; expected ']' or '}'");
        }
    }

    private static JsonNode? ToJson(string file, YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(file, mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(c => ToJson(file, c))]),
        YamlScalarNode scalar => ToValue(file, scalar),
        _ => throw SuiteErrors.At(file, (int)node.Start.Line, (int)node.Start.Column, "YAML aliases are not supported in suites; repeat the value or use 'defaults:'"),
    };

    private static JsonObject ToObject(string file, YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw SuiteErrors.At(file, (int)key.Start.Line, (int)key.Start.Column, "expected a plain key");
            if (!result.TryAdd(name, ToJson(file, value)))
            {
                throw SuiteErrors.At(file, (int)key.Start.Line, (int)key.Start.Column, $"duplicate key '{name}'");
            }
        }

        return result;
    }

    private static JsonValue? ToValue(string file, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && char.IsDigit(text[^1]) => double.IsFinite(number)
                ? JsonValue.Create(number)
                : throw SuiteErrors.At(file, (int)scalar.Start.Line, (int)scalar.Start.Column, $"the number {text} is out of range (it overflows to infinity); write a number such as 0.7"),
            _ => JsonValue.Create(text),
        };
    }
}
