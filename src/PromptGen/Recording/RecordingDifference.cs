using System.Text.Json.Nodes;

namespace PromptGen;

/// <summary>Where two requests differ: the fields of each as path → value, the nearest recording, and the first differing field.</summary>
internal static class RecordingDifference
{
    private const int Shown = 80;

    /// <summary>The recording that shares the most fields with <paramref name="request"/>, preferring the same scope, then the same model.</summary>
    public static RecordingFile? Nearest(IEnumerable<RecordingFile> recordings, string? scope, string model, JsonObject request)
    {
        var fields = Flatten(request);
        return recordings
            .OrderByDescending(r => string.Equals(r.Scope, scope, StringComparison.Ordinal))
            .ThenByDescending(r => string.Equals(r.Model, model, StringComparison.Ordinal))
            .ThenByDescending(r => Shared(Flatten(r.Request), fields))
            .ThenBy(r => r.Path, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Describes the first difference: scope, model, then the first request field (in document order) that differs.</summary>
    public static string FirstDifference(RecordingFile recorded, string? scope, string model, JsonObject request)
    {
        if (!string.Equals(recorded.Scope, scope, StringComparison.Ordinal))
        {
            return $"the scope differs: recorded {Quote(recorded.Scope)}, now {Quote(scope)}";
        }

        if (!string.Equals(recorded.Model, model, StringComparison.Ordinal))
        {
            return $"the model differs: recorded '{recorded.Model}', now '{model}'";
        }

        var before = Flatten(recorded.Request);
        var now = Flatten(request);
        for (var i = 0; i < Math.Max(before.Count, now.Count); i++)
        {
            var was = i < before.Count ? before[i] : default;
            var is_ = i < now.Count ? now[i] : default;
            if (was.Path != is_.Path)
            {
                return was.Path is null ? $"the request now has {is_.Path} = {Quote(is_.Value)}, which the recording lacks"
                    : is_.Path is null || string.CompareOrdinal(was.Path, is_.Path) < 0 ? $"the recording has {was.Path} = {Quote(was.Value)}, which the request now lacks"
                    : $"the request now has {is_.Path} = {Quote(is_.Value)}, which the recording lacks";
            }

            if (!string.Equals(was.Value, is_.Value, StringComparison.Ordinal))
            {
                var (a, b) = Excerpts(was.Value ?? "null", is_.Value ?? "null");
                return $"{was.Path} differs: recorded {a}, now {b}";
            }
        }

        return "the requests are equal field by field (the recording's fingerprint was computed differently; record again)";
    }

    /// <summary>Every leaf of a JSON tree as path → value, in document order (<c>messages[1].contents[0].text</c>).</summary>
    public static List<(string? Path, string? Value)> Flatten(JsonNode? node)
    {
        var fields = new List<(string?, string?)>();
        Walk(node, "request", fields);
        return fields;
    }

    private static void Walk(JsonNode? node, string path, List<(string?, string?)> fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Walk(child, $"{path}.{key}", fields);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", fields);
                }

                if (array.Count == 0)
                {
                    fields.Add((path, "[]"));
                }

                break;
            default:
                // Strings as they are (a prompt reads better unescaped); numbers and literals as JSON.
                fields.Add((path, node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString()));
                break;
        }
    }

    private static int Shared(List<(string? Path, string? Value)> a, List<(string? Path, string? Value)> b) => a.Intersect(b).Count();

    private static string Quote(string? text) => text is null ? "(none)" : $"'{text}'";

    /// <summary>Both values around their first differing character, shortened to a readable width.</summary>
    private static (string, string) Excerpts(string a, string b)
    {
        var at = 0;
        while (at < a.Length && at < b.Length && a[at] == b[at])
        {
            at++;
        }

        var start = Math.Max(0, at - (Shown / 2));
        return (Cut(a, start), Cut(b, start));

        static string Cut(string text, int start)
        {
            var end = Math.Min(text.Length, start + Shown);
            return (start > 0 ? "…" : string.Empty) + text[start..end] + (end < text.Length ? "…" : string.Empty);
        }
    }
}
