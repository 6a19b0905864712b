using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PromptGen.Testing;

public sealed partial class LlmSimulator
{
    private async Task HandleAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var protocol = RequestParser.ProtocolOf(context.Request);
        var body = await RequestParser.ReadBodyAsync(context.Request, aborted.Token).ConfigureAwait(false);
        var request = RequestParser.Parse(context.Request, body, protocol, _time.GetUtcNow());
        Record(request);
        if (protocol == SimulatorProtocol.Other)
        {
            await AnswerOtherAsync(context).ConfigureAwait(false);
            return;
        }

        if (request.BodyJson is null)
        {
            await WireFormats.WriteErrorAsync(context, protocol, 400, "invalid_request_error", "The request body is not valid JSON.").ConfigureAwait(false);
            return;
        }

        var rule = Script.Match(request);
        try
        {
            // Latency counts from arrival, so a test that advances a fake clock right after the request is recorded
            // gets the same outcome whether or not this timer has been created yet.
            var remaining = request.ReceivedAt + (rule?.Latency ?? TimeSpan.Zero) - _time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, _time, aborted.Token).ConfigureAwait(false);
            }

            if (rule?.Fault is { } fault)
            {
                await FaultAsync(context, request, rule, fault, aborted.Token).ConfigureAwait(false);
                return;
            }

            var text = rule?.Reply ?? Script.DefaultReply.Replace("{user}", request.LastUserText ?? string.Empty, StringComparison.Ordinal);
            var reply = new SimulatedReply(text, rule?.InputTokens ?? Estimate(request.Body), rule?.OutputTokens ?? Estimate(text), Filtered: false);
            await WireFormats.WriteReplyAsync(context, request, reply, cutStream: false, _time.GetUtcNow().ToUnixTimeSeconds()).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up or the simulator is stopping: nothing left to answer.
        }
    }

    private async Task FaultAsync(HttpContext context, RecordedRequest request, SimulatorRule rule, SimulatorFault fault, CancellationToken cancellationToken)
    {
        var protocol = request.Protocol;
        switch (fault)
        {
            case SimulatorFault.RateLimited:
                var wait = rule.RetryAfter ?? TimeSpan.FromSeconds(1);
                context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await WireFormats.WriteErrorAsync(context, protocol, 429, "rate_limit_error", "Rate limit reached (simulated).").ConfigureAwait(false);
                break;
            case SimulatorFault.ServerError:
                await WireFormats.WriteErrorAsync(context, protocol, 500, "api_error", "Internal server error (simulated).").ConfigureAwait(false);
                break;
            case SimulatorFault.ServiceUnavailable:
                await WireFormats.WriteErrorAsync(context, protocol, 503, "overloaded_error", "Service unavailable (simulated).").ConfigureAwait(false);
                break;
            case SimulatorFault.Unauthorized:
                // Echo the key on purpose, like real providers partly do, so tests can prove PromptGen redacts it.
                var key = request.Headers.TryGetValue("x-api-key", out var apiKey) ? apiKey
                    : request.Headers.TryGetValue("Authorization", out var bearer) ? bearer.Replace("Bearer ", string.Empty, StringComparison.Ordinal) : "(none)";
                await WireFormats.WriteErrorAsync(context, protocol, 401, "authentication_error", $"Incorrect API key provided: {key}.").ConfigureAwait(false);
                break;
            case SimulatorFault.BadRequest:
                await WireFormats.WriteErrorAsync(context, protocol, 400, "invalid_request_error", "Invalid request (simulated).").ConfigureAwait(false);
                break;
            case SimulatorFault.MalformedJson:
                context.Response.ContentType = request.Stream && protocol != SimulatorProtocol.Ollama ? "text/event-stream" : "application/json";
                await context.Response.WriteAsync(request.Stream ? "data: {\"id\": \"x\", \"choices\": [\n\n" : "{\"id\": \"x\", \"choices\": [", cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.StreamCut:
                var text = rule.Reply ?? "This answer will be cut off before it ends.";
                await WireFormats.WriteReplyAsync(context, request, new SimulatedReply(text, 1, 1, false), cutStream: true, _time.GetUtcNow().ToUnixTimeSeconds()).ConfigureAwait(false);
                break;
            case SimulatorFault.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.ContentFiltered:
                await WireFormats.WriteReplyAsync(context, request, new SimulatedReply(string.Empty, 1, 0, Filtered: true), cutStream: false, _time.GetUtcNow().ToUnixTimeSeconds()).ConfigureAwait(false);
                break;
        }
    }

    private Task AnswerOtherAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (HttpMethods.IsGet(context.Request.Method) && path.EndsWith("/models", StringComparison.Ordinal))
        {
            var models = Script.Rules.Select(r => r.Model).Where(m => m is not null && !m.Contains('*', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase);
            var list = new System.Text.Json.Nodes.JsonArray([.. models.Select(m => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["id"] = m, ["object"] = "model", ["owned_by"] = "simulator" })]);
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(new System.Text.Json.Nodes.JsonObject { ["object"] = "list", ["data"] = list }.ToJsonString(), context.RequestAborted);
        }

        // HEAD / and GET / answer 200: the Claude Code CLI warms its connection with HEAD.
        context.Response.StatusCode = path == "/" ? 200 : 404;
        return Task.CompletedTask;
    }

    /// <summary>A deterministic token estimate: one token per four characters, at least one.</summary>
    private static int Estimate(string text) => Math.Max(1, (text.Length + 3) / 4);
}
