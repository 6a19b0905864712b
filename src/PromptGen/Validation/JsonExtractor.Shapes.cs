using System.Text.Json;
using PromptGen.Validation.Lenient;

namespace PromptGen.Validation;

public static partial class JsonExtractor
{
    /// <summary>Whether a candidate is the schema the model echoed back rather than an answer.</summary>
    private static bool IsEchoedSchema(LenientNode node, JsonElement? schema)
    {
        if (node.Kind != LenientKind.Object)
        {
            return false;
        }

        var members = node.Members!;
        if (members.Exists(m => m.Key == "$schema"))
        {
            return true;
        }

        if (schema is { } s && LenientNodes.DeepEquals(node, LenientNodes.FromElement(s, 0)))
        {
            return true;
        }

        var type = members.Find(m => m.Key == "type").Value;
        var properties = members.Find(m => m.Key == "properties").Value;
        return type is { Kind: LenientKind.String } && properties is { Kind: LenientKind.Object, Members.Count: > 0 }
            && properties.Members!.TrueForAll(p => p.Value.Kind == LenientKind.Object && p.Value.Members!.Exists(m => m.Key is "type" or "$ref"));
    }

    /// <summary>One object per line where a list is expected (or nothing is known): JSON Lines, read as one array.</summary>
    private static Candidate? JsonLines(List<Candidate> candidates, string? expected)
    {
        if (candidates.Count < 2 || expected == "object" || !candidates.TrueForAll(c => c.LineStart && c.Node.Kind == LenientKind.Object))
        {
            return null;
        }

        var repairs = new List<RepairAt> { new(candidates[0].Start, "$", $"JSON Lines: {candidates.Count} objects, one per line; read as one array", JsonRepairKind.Extraction) };
        foreach (var candidate in candidates)
        {
            repairs.AddRange(candidate.Repairs);
        }

        var node = new LenientNode(LenientKind.Array, candidates[0].Start) { Items = candidates.ConvertAll(c => c.Node) };
        return new Candidate(node, repairs, candidates[0].Start, candidates[^1].End, candidates[0].Fenced, LineStart: true) { Lines = true };
    }

    private static string? KindOf(LenientNode node) => node.Kind switch
    {
        LenientKind.Object => "object",
        LenientKind.Array => "array",
        _ => null,
    };

    /// <summary>The 1-based line and column of an offset of the answer.</summary>
    internal static (int Line, int Column) Position(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = text.IndexOf('\n'); i >= 0 && i < offset; i = text.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }

        return (line, offset - lineStart + 1);
    }

    private static string Where(string text, int offset)
    {
        var (line, column) = Position(text, offset);
        return $"line {line}, column {column}";
    }

    private static List<JsonRepair> Located(string text, List<RepairAt> repairs) => Located(text, null, repairs, null);

    /// <summary>
    /// The repairs <paramref name="first"/>, then <paramref name="repairs"/>, then <paramref name="more"/>, each with its
    /// line and column: one list of the exact size, no intermediate copy.
    /// </summary>
    private static List<JsonRepair> Located(string text, RepairAt? first, List<RepairAt> repairs, List<RepairAt>? more)
    {
        var count = (first is null ? 0 : 1) + repairs.Count + (more?.Count ?? 0);
        if (count == 0)
        {
            return [];
        }

        // One pass over the text for the line starts, then a binary search per repair: linear, not repairs × text.
        var lineStarts = new List<int>(64) { 0 };
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            lineStarts.Add(i + 1);
        }

        var located = new List<JsonRepair>(count);
        if (first is { } extraction)
        {
            located.Add(Locate(text, lineStarts, extraction));
        }

        foreach (var repair in repairs)
        {
            located.Add(Locate(text, lineStarts, repair));
        }

        foreach (var repair in more ?? [])
        {
            located.Add(Locate(text, lineStarts, repair));
        }

        return located;
    }

    private static JsonRepair Locate(string text, List<int> lineStarts, RepairAt repair)
    {
        var offset = Math.Clamp(repair.Offset, 0, text.Length);
        var line = lineStarts.BinarySearch(offset);
        line = line >= 0 ? line : ~line - 1;
        return new JsonRepair(repair.Kind, repair.Path, line + 1, offset - lineStarts[line] + 1, repair.Description);
    }

    private static string Describe(string? expected) => expected switch
    {
        "object" => "object",
        "array" => "array",
        null => "value",
        _ => $"{expected} value",
    };

    private static string Clip(ReadOnlySpan<char> text) =>
        text.Length <= 60 ? text.ToString().ReplaceLineEndings(" ") : string.Concat(text[..60], "…").ReplaceLineEndings(" ");
}
