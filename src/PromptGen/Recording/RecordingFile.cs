using System.Text.Json.Nodes;

namespace PromptGen;

/// <summary>One recording file: a request (scope, model, canonical request, fingerprint) and its exchanges in the order they happened.</summary>
internal sealed record RecordingFile(string Path, string Fingerprint, string? Scope, string Model, JsonObject Request, List<JsonObject> Exchanges)
{
    public JsonObject ToJson()
    {
        var exchanges = new JsonArray();
        foreach (var exchange in Exchanges)
        {
            exchanges.Add(exchange.DeepClone());
        }

        var file = new JsonObject { ["format"] = RecordingFormat.Version, ["fingerprint"] = Fingerprint };
        if (Scope is not null)
        {
            file["scope"] = Scope;
        }

        file["model"] = Model;
        file["request"] = Request.DeepClone();
        file["exchanges"] = exchanges;
        return file;
    }

    /// <summary>Reads a recording file; anything missing or edited is a <see cref="FormatException"/> saying what.</summary>
    public static RecordingFile Parse(string path, string text)
    {
        var root = JsonNode.Parse(text, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip }) as JsonObject
            ?? throw new FormatException("the file is not a JSON object");
        var format = root["format"]?.GetValue<string>();
        if (format != RecordingFormat.Version)
        {
            throw new FormatException(format is null ? $"it has no \"format\": \"{RecordingFormat.Version}\"" : $"its format is '{format}'; this PromptGen reads '{RecordingFormat.Version}'");
        }

        var fingerprint = root["fingerprint"]?.GetValue<string>() ?? throw new FormatException("it has no \"fingerprint\"");
        var model = root["model"]?.GetValue<string>() ?? throw new FormatException("it has no \"model\"");
        var request = root["request"] as JsonObject ?? throw new FormatException("it has no \"request\" object");
        var exchanges = root["exchanges"] as JsonArray ?? throw new FormatException("it has no \"exchanges\" array");
        var scope = root["scope"]?.GetValue<string>();
        var computed = RecordingFormat.Fingerprint(scope, model, request);
        if (!string.Equals(computed, fingerprint, StringComparison.Ordinal))
        {
            throw new FormatException($"its \"request\" was edited: the fingerprint {fingerprint[..Math.Min(16, fingerprint.Length)]}… does not match the request ({computed[..16]}…). Responses may be edited; requests may not — record again");
        }

        var list = new List<JsonObject>();
        for (var i = 0; i < exchanges.Count; i++)
        {
            var exchange = exchanges[i] as JsonObject ?? throw new FormatException($"exchanges[{i}] is not an object");
            try
            {
                RecordingFormat.Response(exchange);
            }
            catch (Exception error) when (error is FormatException or InvalidOperationException or System.Text.Json.JsonException)
            {
                throw new FormatException($"exchanges[{i}]: {error.Message}", error);
            }

            list.Add((JsonObject)exchange.DeepClone());
        }

        return list.Count == 0 ? throw new FormatException("it has no exchanges") : new RecordingFile(path, fingerprint, scope, model, request, list);
    }
}
