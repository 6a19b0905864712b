using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptGen.Testing;

public sealed partial class LlmSimulator
{
    /// <summary>The one creation time every listed model reports (the simulator's models have no history).</summary>
    private static readonly DateTimeOffset ModelsCreated = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A models request: the protocol whose shape to answer in, and the model id when one model is asked for.</summary>
    private sealed record ModelsQuery(SimulatorProtocol Protocol, string? Id);

    /// <summary>
    /// <c>GET …/models</c> or <c>GET …/models/{id}</c>; Anthropic's clients send <c>anthropic-version</c> on every request,
    /// so that header picks Anthropic's shape over OpenAI's on the shared path.
    /// </summary>
    private static ModelsQuery? ModelsRequest(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        var protocol = request.Headers.ContainsKey("anthropic-version") ? SimulatorProtocol.Anthropic : SimulatorProtocol.OpenAI;
        if (path.EndsWith("/models", StringComparison.Ordinal))
        {
            return new ModelsQuery(protocol, null);
        }

        var at = path.IndexOf("/models/", StringComparison.Ordinal);
        return at >= 0 && at + 8 < path.Length ? new ModelsQuery(protocol, Uri.UnescapeDataString(path[(at + 8)..])) : null;
    }

    private Task AnswerModelsAsync(HttpContext context, ModelsQuery query, CancellationToken cancellationToken)
    {
        var names = ModelNames().ToList();
        var anthropic = query.Protocol == SimulatorProtocol.Anthropic;
        if (query.Id is { } id)
        {
            var known = names.FirstOrDefault(n => string.Equals(n, id, StringComparison.OrdinalIgnoreCase));
            return known is not null
                ? WriteJsonAsync(context, anthropic ? AnthropicModel(known) : OpenAIModel(known), cancellationToken)
                : WireFormats.WriteErrorAsync(context, query.Protocol, new SimulatedError(404, "not_found_error", "invalid_request_error", "model_not_found",
                    anthropic ? $"model: {id}" : $"The model '{id}' does not exist or you do not have access to it."), cancellationToken);
        }

        if (!anthropic)
        {
            return WriteJsonAsync(context, new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. names.Select(n => (JsonNode)OpenAIModel(n))]) }, cancellationToken);
        }

        // Anthropic pages: limit (1-1000, default 20), after_id or before_id; the page names its first and last id and
        // whether more follow in the direction it was read.
        var parameters = context.Request.Query;
        var limit = 20;
        if (parameters.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            return ModelsErrorAsync(context, $"limit: Input should be an integer between 1 and 1000, got '{limitText}'", cancellationToken);
        }

        int start, end;
        bool hasMore;
        if (parameters.TryGetValue("before_id", out var beforeId))
        {
            end = names.FindIndex(n => string.Equals(n, beforeId, StringComparison.OrdinalIgnoreCase));
            if (end < 0)
            {
                return ModelsErrorAsync(context, $"before_id: no model '{beforeId}'", cancellationToken);
            }

            start = Math.Max(0, end - limit);
            hasMore = start > 0;
        }
        else
        {
            start = 0;
            if (parameters.TryGetValue("after_id", out var afterId))
            {
                start = names.FindIndex(n => string.Equals(n, afterId, StringComparison.OrdinalIgnoreCase)) + 1;
                if (start == 0)
                {
                    return ModelsErrorAsync(context, $"after_id: no model '{afterId}'", cancellationToken);
                }
            }

            end = Math.Min(names.Count, start + limit);
            hasMore = end < names.Count;
        }

        var page = names[start..end];
        return WriteJsonAsync(context, new JsonObject
        {
            ["data"] = new JsonArray([.. page.Select(n => (JsonNode)AnthropicModel(n))]),
            ["has_more"] = hasMore,
            ["first_id"] = page.Count == 0 ? null : page[0],
            ["last_id"] = page.Count == 0 ? null : page[^1],
        }, cancellationToken);
    }

    private static Task ModelsErrorAsync(HttpContext context, string message, CancellationToken cancellationToken) =>
        WireFormats.WriteErrorAsync(context, SimulatorProtocol.Anthropic, new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, message), cancellationToken);

    private static JsonObject OpenAIModel(string id) =>
        new() { ["id"] = id, ["object"] = "model", ["created"] = ModelsCreated.ToUnixTimeSeconds(), ["owned_by"] = "simulator" };

    private static JsonObject AnthropicModel(string id) => new()
    {
        ["type"] = "model",
        ["id"] = id,
        ["display_name"] = id,
        ["created_at"] = ModelsCreated.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>The exact (non-glob) model names used in rules, in rule order.</summary>
    private IEnumerable<string> ModelNames() =>
        Script.Rules.Select(r => r.Model).OfType<string>().Where(m => !m.Contains('*', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase);

    private static Task WriteJsonAsync(HttpContext context, JsonObject body, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), cancellationToken);
    }
}
