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
    public async Task Message_content_is_recorded_only_when_switched_on()
    {
        using var activities = new ActivityCollector();
        await using var host = await TestHost.StartAsync(o => o.RecordMessageContent = true);

        await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "content marker 91b2")], new PromptCallOptions { Model = "openai/telemetry-probe" });

        Assert.Contains(activities.Stopped.SelectMany(a => a.Events), e => e.Tags.Any(t => t.Value as string == "content marker 91b2"));
    }
}
