using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace PromptGen.Tests.Telemetry;

public class TelemetryTests
{
    [Fact]
    public async Task Attempts_emit_genai_activities_and_metrics_without_message_content()
    {
        using var activities = new ActivityCollector();
        var measurements = new List<(string Name, double Value, string? Model)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PromptGenDiagnostics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i.Name, v, t));
        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i.Name, v, t));
        meters.Start();
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("ok").WithUsage(5, 2);
        const string Prompt = "a very private prompt 7f3a";

        await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, Prompt)], new PromptCallOptions { Model = "openai/telemetry-probe" });

        var activity = Assert.Single(activities.Stopped, a => a.GetTagItem("gen_ai.request.model") as string == "telemetry-probe");

        Assert.Equal("chat", activity.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("openai", activity.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(5L, activity.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.DoesNotContain(activity.Events, e => e.Tags.Any(t => t.Value?.ToString()?.Contains(Prompt, StringComparison.Ordinal) == true));
        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Name == "gen_ai.client.operation.duration" && m.Model == "telemetry-probe");
            Assert.Contains(measurements, m => m.Name == "gen_ai.client.token.usage" && m.Value == 5 && m.Model == "telemetry-probe");
            Assert.Contains(measurements, m => m.Name == "gen_ai.client.token.usage" && m.Value == 2 && m.Model == "telemetry-probe");
        }

        void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? model = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "gen_ai.request.model")
                {
                    model = tag.Value as string;
                }
            }

            lock (measurements)
            {
                measurements.Add((name, value, model));
            }
        }
    }

    [Fact]
    public async Task A_cache_hit_is_a_Cached_activity_with_no_request_behind_it_and_the_lookups_counter_says_miss_then_hit()
    {
        const string Model = "telemetry-cache-probe";
        using var activities = new ActivityCollector();
        var lookups = new List<string?>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PromptGenDiagnostics.MeterName && instrument.Name == "promptgen.cache.lookups")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var tagged = tags.ToArray();
            if (tagged.Any(t => t.Key == "gen_ai.request.model" && t.Value as string == Model))
            {
                lock (lookups)
                {
                    lookups.Add(tagged.Single(t => t.Key == "promptgen.cache.result").Value as string);
                }
            }
        });
        meters.Start();
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("a cacheable answer");
        var options = new PromptCallOptions { Model = "openai/" + Model, Cache = new PromptCacheOptions { Duration = TimeSpan.FromMinutes(5) } };

        await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "cache me")], options);
        var hit = await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "cache me")], options);

        Assert.Equal(AttemptKind.Cached, hit.Trace.Attempts.Single().Kind);
        Assert.Single(host.Simulator.Requests, r => r.Model == Model);
        var probes = activities.Stopped.Where(a => a.GetTagItem("gen_ai.request.model") as string == Model).ToList();
        Assert.Equal(["Primary", "Cached"], probes.Select(a => a.GetTagItem("promptgen.attempt.kind") as string));
        Assert.Equal("hit", probes[1].GetTagItem("promptgen.cache.result"));
        Assert.Null(probes[1].GetTagItem("gen_ai.usage.input_tokens"));
        lock (lookups)
        {
            Assert.Equal(["miss", "hit"], lookups);
        }
    }

    [Fact]
    public async Task Message_content_is_recorded_only_when_switched_on()
    {
        using var activities = new ActivityCollector();
        await using var host = await TestHost.StartAsync(o => o.RecordMessageContent = true);

        await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "content marker 91b2")], new PromptCallOptions { Model = "openai/telemetry-probe" });

        Assert.Contains(activities.Stopped.SelectMany(a => a.Events), e => e.Tags.Any(t => t.Value as string == "content marker 91b2"));
    }
}
