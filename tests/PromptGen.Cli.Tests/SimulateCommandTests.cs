using System.Text;
using System.Text.Json;

namespace PromptGen.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Simulate_serves_the_rules_until_cancelled()
    {
        _cli.WriteFile("rules.json", """{ "rules": [ { "userContains": "ping", "reply": "pong" } ] }""");
        var output = new WatchedWriter();
        using var stop = new CancellationTokenSource();

        var run = _cli.RunAsync(["simulate", "--rules", "rules.json"], stdout: output, cancellationToken: stop.Token);
        await output.WaitForAsync("Press Ctrl+C to stop.", TestContext.Timeout);

        var openAI = output.ToString().Split('\n').Single(l => l.TrimStart().StartsWith("OpenAI:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        using var http = new HttpClient();
        using var body = new StringContent("""{ "model": "any", "messages": [ { "role": "user", "content": "ping?" } ] }""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(new Uri(openAI), "chat/completions"), body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("pong", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());

        await stop.CancelAsync();
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Anthropic: http://127.0.0.1:", result.Out, StringComparison.Ordinal);
        Assert.Contains("export OLLAMA_HOST=127.0.0.1:", result.Out, StringComparison.Ordinal);
        Assert.Contains("Simulator stopped after 1 request(s).", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_logs_each_request_without_the_key_and_keeps_only_the_last_in_memory()
    {
        const string key = "sk-cli-simlog-0123456789";
        var output = new WatchedWriter();
        using var stop = new CancellationTokenSource();

        var run = _cli.RunAsync(["simulate", "--log", "requests.jsonl", "--max-recorded", "3"], stdout: output, cancellationToken: stop.Token);
        await output.WaitForAsync("Press Ctrl+C to stop.", TestContext.Timeout);

        var openAI = new Uri(output.ToString().Split('\n').Single(l => l.TrimStart().StartsWith("OpenAI:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        using var http = new HttpClient();
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(openAI, "chat/completions"))
            {
                Content = new StringContent($$"""{ "model": "gpt-4o-mini", "messages": [ { "role": "user", "content": "question {{i}}" } ] }""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Authorization", "Bearer " + key);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        await stop.CancelAsync();
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Logging each request to " + Path.Combine(_cli.Directory, "requests.jsonl"), result.Out, StringComparison.Ordinal);
        Assert.Contains("Simulator stopped after 10 request(s).", result.Out, StringComparison.Ordinal);
        Assert.Contains("Kept the last 3 in memory (--max-recorded 3).", result.Out, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(Path.Combine(_cli.Directory, "requests.jsonl"));
        Assert.DoesNotContain(key, log, StringComparison.Ordinal);
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(10, lines.Count);
        Assert.All(lines, l =>
        {
            Assert.Equal("POST", l.GetProperty("method").GetString());
            Assert.Equal("/v1/chat/completions", l.GetProperty("path").GetString());
            Assert.Equal("gpt-4o-mini", l.GetProperty("model").GetString());
            Assert.Equal(200, l.GetProperty("status").GetInt32());
            Assert.Equal("Authorization ***", l.GetProperty("apiKey").GetString());
        });
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"question {i}").Order(), lines.Select(l => l.GetProperty("user").GetString()).Order());
    }

    [Fact]
    public async Task Simulate_rejects_a_max_recorded_below_one()
    {
        var result = await _cli.RunAsync(["simulate", "--max-recorded", "0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-recorded must be at least 1", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.json", null, "Cannot read simulator rules file")]
    [InlineData("bad.json", "{ \"rules\": [ { \"reply\": \"x\", \"colour\": 1 } ] }", "unknown field \"colour\"")]
    public async Task Simulate_with_a_bad_rules_file_exits_2_naming_the_file(string file, string? content, string expected)
    {
        if (content is not null)
        {
            _cli.WriteFile(file, content);
        }

        var result = await _cli.RunAsync(["simulate", "--rules", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(file, result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_rejects_an_out_of_range_port()
    {
        var result = await _cli.RunAsync(["simulate", "--port", "70000"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port must be between 0 and 65535", result.Error, StringComparison.Ordinal);
    }
}

/// <summary>A generous upper bound for waits, so a broken test fails instead of hanging.</summary>
internal static class TestContext
{
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromMinutes(1), TimeProvider.System).Token;
}
