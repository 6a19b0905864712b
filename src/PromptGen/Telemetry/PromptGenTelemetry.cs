using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>The activity source and instruments, with the GenAI semantic-convention attribute names in one place.</summary>
internal static class PromptGenTelemetry
{
    public static readonly ActivitySource Source = new(PromptGenDiagnostics.ActivitySourceName, "1.0.0");

    private static readonly Meter s_meter = new(PromptGenDiagnostics.MeterName, "1.0.0");

    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of one GenAI attempt.");

    private static readonly Histogram<long> s_tokens = s_meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used by one GenAI attempt.");

    private static readonly Counter<long> s_cacheLookups = s_meter.CreateCounter<long>(
        "promptgen.cache.lookups", "{lookup}", "Response-cache lookups, by result (hit or miss).");

    /// <summary>A response-cache lookup: counted by result; a hit is also an activity (attempt kind <c>Cached</c>) with no request behind it.</summary>
    public static void CacheLookup(ModelRoute route, bool hit)
    {
        if (s_cacheLookups.Enabled)
        {
            var tags = Tags(route, error: null);
            tags.Add("promptgen.cache.result", hit ? "hit" : "miss");
            s_cacheLookups.Add(1, tags);
        }

        if (hit)
        {
            using var activity = StartAttempt(route, AttemptKind.Cached);
            activity?.SetTag("promptgen.cache.result", "hit");
        }
    }

    public static Activity? StartAttempt(ModelRoute route, AttemptKind kind)
    {
        var activity = Source.StartActivity($"chat {route.Id.Model}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "chat");
            activity.SetTag("gen_ai.provider.name", route.Endpoint.Provider);
            activity.SetTag("gen_ai.request.model", route.Id.Model);
            activity.SetTag("promptgen.attempt.kind", kind.ToString());
            if (route.Endpoint.BaseUrl is { } url)
            {
                activity.SetTag("server.address", url.Host);
                activity.SetTag("server.port", url.Port);
            }
        }

        return activity;
    }

    public static void RecordContent(Activity? activity, IEnumerable<ChatMessage> messages)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        foreach (var message in messages)
        {
            activity.AddEvent(new ActivityEvent($"gen_ai.{message.Role.Value}.message", tags: new ActivityTagsCollection { ["content"] = message.Text }));
        }
    }

    public static void Succeeded(Activity? activity, ModelRoute route, ChatResponse response, TimeSpan elapsed)
    {
        var input = response.Usage?.InputTokenCount;
        var output = response.Usage?.OutputTokenCount;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.response.model", response.ModelId ?? route.Id.Model);
            activity.SetTag("gen_ai.response.id", response.ResponseId);
            activity.SetTag("gen_ai.usage.input_tokens", input);
            activity.SetTag("gen_ai.usage.output_tokens", output);
            activity.SetTag("gen_ai.response.finish_reasons", response.FinishReason?.Value);
        }

        // Instruments nobody listens to cost nothing; TagList keeps up to eight tags inline (no array per call).
        if (s_duration.Enabled)
        {
            s_duration.Record(elapsed.TotalSeconds, Tags(route, error: null));
        }

        if (s_tokens.Enabled)
        {
            if (input is { } i)
            {
                var tags = Tags(route, error: null);
                tags.Add("gen_ai.token.type", "input");
                s_tokens.Record(i, tags);
            }

            if (output is { } o)
            {
                var tags = Tags(route, error: null);
                tags.Add("gen_ai.token.type", "output");
                s_tokens.Record(o, tags);
            }
        }
    }

    public static void Failed(Activity? activity, ModelRoute route, PromptErrorKind kind, string message, TimeSpan elapsed)
    {
        activity?.SetStatus(ActivityStatusCode.Error, message);
        activity?.SetTag("error.type", kind.ToString());
        if (s_duration.Enabled)
        {
            s_duration.Record(elapsed.TotalSeconds, Tags(route, kind.ToString()));
        }
    }

    private static TagList Tags(ModelRoute route, string? error)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", route.Endpoint.Provider },
            { "gen_ai.request.model", route.Id.Model },
        };
        if (error is not null)
        {
            tags.Add("error.type", error);
        }

        return tags;
    }
}
