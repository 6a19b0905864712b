using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PromptGen.Tests.Validation.Lenient;

/// <summary>
/// The shared corpus of malformed model answers (<c>&lt;repo&gt;/../shared/corpus/lenient-json/cases.jsonl</c>, converted
/// from BAML's parser tests; not copied into the repository). Its converter dropped BAML's <c>@alias</c> annotations
/// from the schemas and kept them in each case's note; they are put back here as PromptGen's <c>x-aliases</c> keyword.
/// </summary>
internal static partial class LenientCorpus
{
    private static readonly Lazy<List<CorpusCase>> s_cases = new(Load);

    public static List<CorpusCase> Cases => s_cases.Value;

    public static string FilePath
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptGen.sln")))
            {
                directory = directory.Parent;
            }

            if (directory?.Parent is null)
            {
                throw new InvalidOperationException($"PromptGen.sln not found above {AppContext.BaseDirectory}; the corpus is read from <repo>/../shared/corpus/lenient-json/.");
            }

            return Path.Combine(directory.Parent.FullName, "shared", "corpus", "lenient-json", "cases.jsonl");
        }
    }

    /// <summary>JSON equality with numbers compared by value (<c>1</c> equals <c>1.0</c>).</summary>
    public static bool SameJson(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return a.GetDouble() == b.GetDouble();
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => SameJson(p.First, p.Second));
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var other) && SameJson(p.Value, other));
            default:
                return true;
        }
    }

    private static List<CorpusCase> Load()
    {
        var path = FilePath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The lenient-JSON corpus is missing: expected {path} (the shared/ folder beside the repository clone).", path);
        }

        var cases = new List<CorpusCase>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var schema = node["schema"]!.AsObject();
            AddAliases(schema, (string?)node["note"] ?? string.Empty);
            cases.Add(new CorpusCase(
                (string)node["id"]!,
                (string)node["kind"]!,
                (string)node["category"]!,
                JsonDocument.Parse(schema.ToJsonString()).RootElement.Clone(),
                (string)node["raw"]!,
                node["expected"] is { } expected ? JsonDocument.Parse(expected.ToJsonString()).RootElement.Clone() : null));
        }

        return cases;
    }

    private static void AddAliases(JsonObject schema, string note)
    {
        if (schema["$defs"] is not JsonObject defs)
        {
            return;
        }

        foreach (Match match in AliasPattern().Matches(note))
        {
            var (type, member, alias) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
            if (defs[type] is not JsonObject definition)
            {
                continue;
            }

            if (definition["enum"] is JsonArray)
            {
                var map = definition["x-aliases"] as JsonObject ?? (JsonObject)(definition["x-aliases"] = new JsonObject());
                var list = map[member] as JsonArray ?? (JsonArray)(map[member] = new JsonArray());
                list.Add(alias);
            }
            else if (definition["properties"]?[member] is JsonObject property)
            {
                var list = property["x-aliases"] as JsonArray ?? (JsonArray)(property["x-aliases"] = new JsonArray());
                list.Add(alias);
            }
        }
    }

    [GeneratedRegex(@"(\w+)\.(\w+)@alias\(([^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();
}

/// <summary>One corpus case.</summary>
internal sealed record CorpusCase(string Id, string Kind, string Category, JsonElement Schema, string Raw, JsonElement? Expected)
{
    public override string ToString() => Id.ToString(CultureInfo.InvariantCulture);
}
