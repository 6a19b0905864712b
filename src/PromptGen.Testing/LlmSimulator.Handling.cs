using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptGen.Testing;

public sealed partial class LlmSimulator
{
    private const string StreamCutText = "This answer will be cut off before it ends.";

    private async Task HandleAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = aborted.Token;
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var peak = Volatile.Read(ref _peakInFlight); inFlight > peak; peak = Volatile.Read(ref _peakInFlight))
        {
            if (Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) == peak)
            {
                break;
            }
        }

        RecordedRequest? request = null;
        SimulatorFault? fault = null;
        try
        {
            var protocol = RequestParser.ProtocolOf(context.Request);
            var body = await RequestParser.ReadBodyAsync(context.Request, token).ConfigureAwait(false);
            request = RequestParser.Parse(context.Request, body, protocol, _time.GetUtcNow());
            Record(request);
            if (protocol == SimulatorProtocol.Other)
            {
                await AnswerOtherAsync(context, token).ConfigureAwait(false);
                return;
            }

            if (request.BodyJson is null)
            {
                var invalid = new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, "The request body is not valid JSON.");
                await WireFormats.WriteErrorAsync(context, protocol, invalid, token).ConfigureAwait(false);
                return;
            }

            if (((RequireApiKey ? MissingKey(request) : null) ?? RequestProblem(request)) is { } problem)
            {
                await WireFormats.WriteErrorAsync(context, protocol, problem, token).ConfigureAwait(false);
                return;
            }

            var rule = Script.Match(request);

            // Latency counts from arrival, so a test that advances a fake clock right after the request is recorded
            // gets the same outcome whether or not this timer has been created yet.
            var remaining = request.ReceivedAt + (rule?.Latency ?? TimeSpan.Zero) - _time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, _time, token).ConfigureAwait(false);
            }

            fault = rule?.Fault;
            if (fault is { } scripted)
            {
                await FaultAsync(context, request, rule!, scripted, token).ConfigureAwait(false);
                return;
            }

            var text = rule?.Reply ?? Script.DefaultReply.Replace("{user}", request.LastUserText ?? string.Empty, StringComparison.Ordinal);
            if (HonourResponseFormat && request.ResponseSchema is { } schema && PromptGen.Validation.JsonExtractor.Extract(text, schema) is { Success: true } fitted)
            {
                text = fitted.Json!;
            }

            var reply = new SimulatedReply(text, rule?.InputTokens ?? Estimate(request.PromptLength), rule?.OutputTokens ?? Estimate(text.Length), Filtered: false).FitTo(request);
            await WireFormats.WriteReplyAsync(context, request, reply, cut: false, Created(), token, rule?.TokenInterval ?? TimeSpan.Zero, _time, chunkSize: rule?.ChunkSize ?? 0).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client gave up, or the simulator is stopping: drop the connection so nothing looks like an answer.
            context.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            if (_log is not null && request is not null)
            {
                WriteLog(request, context, fault, token.IsCancellationRequested);
            }
        }
    }

    private async Task FaultAsync(HttpContext context, RecordedRequest request, SimulatorRule rule, SimulatorFault fault, CancellationToken cancellationToken)
    {
        var protocol = request.Protocol;
        switch (fault)
        {
            case SimulatorFault.RateLimited:
                var seconds = Math.Max(0, (long)Math.Ceiling((rule.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var headers = context.Response.Headers;
                headers.RetryAfter = seconds;
                if (protocol == SimulatorProtocol.OpenAI)
                {
                    headers["x-ratelimit-limit-requests"] = "60";
                    headers["x-ratelimit-remaining-requests"] = "0";
                    headers["x-ratelimit-reset-requests"] = seconds + "s";
                }
                else if (protocol == SimulatorProtocol.Anthropic)
                {
                    headers["anthropic-ratelimit-requests-limit"] = "60";
                    headers["anthropic-ratelimit-requests-remaining"] = "0";
                }

                await WireFormats.WriteErrorAsync(context, protocol, new SimulatedError(429, "rate_limit_error", "requests", "rate_limit_exceeded",
                    $"Rate limit reached for requests (simulated). Please try again in {seconds}s."), cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.ServerError:
                await WireFormats.WriteErrorAsync(context, protocol, new SimulatedError(500, "api_error", "server_error", null,
                    "The server had an error while processing your request (simulated)."), cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.ServiceUnavailable:
                await WireFormats.WriteErrorAsync(context, protocol, new SimulatedError(503, "overloaded_error", "server_error", "service_unavailable",
                    "The service is overloaded (simulated)."), cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.Unauthorized:
                // Echo the key verbatim on purpose, as real providers partly do, so tests can prove it is redacted downstream.
                await WireFormats.WriteErrorAsync(context, protocol, new SimulatedError(401, "authentication_error", "invalid_request_error", "invalid_api_key",
                    $"Incorrect API key provided: {ApiKeyOf(request)}. You can find your API key in your account settings."), cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.BadRequest:
                await WireFormats.WriteErrorAsync(context, protocol, new SimulatedError(400, "invalid_request_error", "invalid_request_error", null,
                    "Invalid request (simulated)."), cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.MalformedJson:
                await WireFormats.WriteMalformedAsync(context, request, cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.StreamCut or SimulatorFault.StreamStall:
                var text = rule.Reply ?? StreamCutText;
                var reply = new SimulatedReply(text, rule.InputTokens ?? Estimate(request.PromptLength), rule.OutputTokens ?? Estimate(text.Length), Filtered: false);
                var stall = fault == SimulatorFault.StreamStall;
                await WireFormats.WriteReplyAsync(context, request, reply, cut: !stall, Created(), cancellationToken, rule.TokenInterval, _time, stall, rule.ChunkSize).ConfigureAwait(false);
                break;
            case SimulatorFault.Overloaded:
                await WireFormats.WriteErrorAsync(context, protocol, new SimulatedError(529, "overloaded_error", "server_error", "overloaded",
                    "Overloaded (simulated)."), cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
                break;
            case SimulatorFault.ContentFiltered:
                var filtered = new SimulatedReply(string.Empty, rule.InputTokens ?? Estimate(request.PromptLength), rule.OutputTokens ?? 0, Filtered: true);
                await WireFormats.WriteReplyAsync(context, request, filtered, cut: false, Created(), cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"Unknown simulator fault {fault}.");
        }
    }

    private Task AnswerOtherAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var path = context.Request.Path.Value ?? "/";
        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (isGet && _files.TryGetValue(path, out var file))
        {
            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength = file.Content.Length;
            return context.Response.Body.WriteAsync(file.Content, cancellationToken).AsTask();
        }

        if (isGet && ModelsRequest(context.Request) is { } models)
        {
            return AnswerModelsAsync(context, models, cancellationToken);
        }

        if (isGet && path == "/api/tags")
        {
            var list = new JsonArray([.. ModelNames().Select(m => (JsonNode)new JsonObject { ["name"] = m, ["model"] = m })]);
            return WriteJsonAsync(context, new JsonObject { ["models"] = list }, cancellationToken);
        }

        // HEAD / and GET / answer 200: the Claude Code CLI warms its connection with HEAD.
        context.Response.StatusCode = path == "/" ? 200 : 404;
        return Task.CompletedTask;
    }


    private static string ApiKeyOf(RecordedRequest request)
    {
        if (request.Headers.TryGetValue("x-api-key", out var key) && key.Length > 0)
        {
            return key;
        }

        if (request.Headers.TryGetValue("Authorization", out var authorization) && authorization.Length > 0)
        {
            return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : authorization;
        }

        return "(none)";
    }

    private long Created() => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A deterministic token estimate: one token per four characters, rounded up, at least one.</summary>
    private static int Estimate(int characters) => Math.Max(1, (characters + 3) / 4);
}
