using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace PromptGen.Benchmarks;

/// <summary>
/// The Claude Code provider's own per-call work — arguments, environment, the stream-json stdin line, and parsing the
/// CLI's stdout — without the CLI process itself (whose start-up, ~0.5 s, dwarfs it; see docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class ClaudeCodeProviderBenchmarks
{
    private static readonly string[] s_stdout =
    [
        """{"type":"system","subtype":"init","session_id":"6f1c","tools":[],"mcp_servers":[],"model":"claude-sonnet-5"}""",
        """{"type":"assistant","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-5","content":[{"type":"text","text":"Paris"}],"stop_reason":"end_turn","usage":{"input_tokens":11,"output_tokens":7}}}""",
        """{"type":"result","subtype":"success","is_error":false,"api_error_status":null,"duration_ms":128,"num_turns":1,"result":"Paris","stop_reason":"end_turn","session_id":"6f1c","total_cost_usd":0.000138,"usage":{"input_tokens":11,"output_tokens":7,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}""",
    ];

    private readonly ChatMessage[] _messages =
    [
        new(ChatRole.System, "You are terse."),
        new(ChatRole.User, "Remember the word 'tangerine'."),
        new(ChatRole.Assistant, "Noted."),
        new(ChatRole.User, "What is the capital of France?"),
    ];

    private readonly ClaudeCodeOptions _options = new();

    private readonly ResolvedEndpoint _endpoint = new()
    {
        Provider = "max",
        Kind = ProviderKinds.ClaudeCode,
        Timeout = TimeSpan.FromSeconds(180),
        MaxOutputTokens = 32000,
        StructuredOutput = StructuredOutputMode.Prompt,
        HttpClient = new HttpClient(),
        Sources = new Dictionary<string, string>(),
    };

    [Benchmark(Description = "Build invocation (args, env, stdin line)")]
    public object BuildInvocation() => ClaudeCodeInvocation.Create(_messages, null, "opus", _options, _endpoint, streaming: false);

    [Benchmark(Description = "Parse stdout (init, assistant, result)")]
    public object? ParseOutput()
    {
        var run = new ClaudeCodeRun();
        foreach (var line in s_stdout)
        {
            run.Accept(line);
        }

        return run.Result;
    }
}
