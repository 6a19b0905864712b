using System.CommandLine;
using PromptGen.Testing;

namespace PromptGen.Cli.Commands;

/// <summary><c>promptgen simulate</c>: runs the LLM simulator until Ctrl+C.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliHost host)
    {
        var rules = new Option<string>("--rules", "-r") { Description = "A JSON rules file (see the PromptGen.Testing README). Default: the built-in rules ask uses offline." };
        var port = new Option<int>("--port", "-p") { Description = "The port on 127.0.0.1. Default: a free one." };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535 (0 picks a free port).");
            }
        });
        var log = new Option<string>("--log") { Description = "Write one JSON line per request received (time, method, path, model, status, fault, the start of the prompt; API keys redacted) to this file; - for standard output." };
        var maxRecorded = new Option<int>("--max-recorded")
        {
            Description = "How many requests to keep in memory; older ones are dropped, so a long run stays bounded.",
            DefaultValueFactory = _ => DefaultMaxRecorded,
        };
        maxRecorded.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-recorded must be at least 1.");
            }
        });
        var command = new Command("simulate", "Run the LLM simulator (OpenAI, Anthropic and Ollama wire formats) on 127.0.0.1 until Ctrl+C.") { rules, port, log, maxRecorded };
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(host, parsed.GetValue(rules), parsed.GetValue(port), parsed.GetValue(log), parsed.GetValue(maxRecorded), cancellationToken));
        return command;
    }

    /// <summary>The requests kept in memory by default: about 3 MB at the measured ~2.7 KB each.</summary>
    private const int DefaultMaxRecorded = 1000;

    private static async Task<int> RunAsync(CliHost host, string? rulesFile, int port, string? logFile, int maxRecorded, CancellationToken cancellationToken)
    {
        SimulatorScript script;
        try
        {
            script = rulesFile is null ? BuiltInSimulator.LoadDefaultRules() : SimulatorScript.LoadJson(host.FullPath(rulesFile));
        }
        catch (FormatException exception)
        {
            throw new CliUsageException(exception.Message);
        }

        await using var log = OpenLog(host, logFile);
        LlmSimulator simulator;
        try
        {
            simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { Port = port, Script = script, RequestLog = log, MaxRecordedRequests = maxRecorded }, cancellationToken);
        }
        catch (IOException exception)
        {
            throw new CliUsageException($"Cannot listen on 127.0.0.1:{port}: {exception.Message} Pick another --port, or omit it to use a free one.");
        }

        await using (simulator)
        {
            var hostAndPort = $"127.0.0.1:{simulator.BaseUrl.Port}";
            var output = host.Out;
            await output.WriteLineAsync($"PromptGen LLM simulator listening on {simulator.BaseUrl} ({script.Rules.Count} rule(s) from {rulesFile ?? "the built-in rules"})");
            await output.WriteLineAsync($"  OpenAI:    {simulator.OpenAIBaseUrl}");
            await output.WriteLineAsync($"  Anthropic: {simulator.AnthropicBaseUrl}");
            await output.WriteLineAsync($"  Ollama:    {simulator.OllamaBaseUrl}");
            await output.WriteLineAsync("Point PromptGen (or any client) at it, for example:");
            // Any key works; not the word "simulator", which the tool would then redact from its own messages.
            await output.WriteLineAsync($"  export OPENAI_BASE_URL={simulator.OpenAIBaseUrl} OPENAI_API_KEY=sim-any-key");
            await output.WriteLineAsync($"  export ANTHROPIC_BASE_URL={simulator.AnthropicBaseUrl} ANTHROPIC_API_KEY=sim-any-key");
            await output.WriteLineAsync($"  export OLLAMA_HOST={hostAndPort}");
            if (logFile is not null && logFile != "-")
            {
                await output.WriteLineAsync($"Logging each request to {host.FullPath(logFile)} (one JSON line each, keys redacted).");
            }

            await output.WriteLineAsync("Press Ctrl+C to stop.");
            await output.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the normal way to stop.
            }

            // Disposing waits for requests in flight, so their log lines are written before the file is closed.
            await simulator.DisposeAsync();
            await output.WriteLineAsync($"Simulator stopped after {simulator.TotalRequests} request(s).");
            if (simulator.TotalRequests > simulator.Requests.Count)
            {
                await output.WriteLineAsync($"Kept the last {simulator.Requests.Count} in memory (--max-recorded {maxRecorded}).");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>The request log: standard output for <c>-</c>, else the file (created or replaced; readable while it is written).</summary>
    private static TextWriter? OpenLog(CliHost host, string? logFile)
    {
        if (logFile is null)
        {
            return null;
        }

        if (logFile == "-")
        {
            return TextWriter.Synchronized(new NonClosingWriter(host.Out));
        }

        var path = host.FullPath(logFile);
        try
        {
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            return new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliUsageException($"Cannot write the request log '{path}' (--log): {exception.Message}");
        }
    }

    /// <summary>Writes to the tool's standard output without closing it when the log is disposed.</summary>
    private sealed class NonClosingWriter(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void WriteLine(string? value) => inner.WriteLine(value);

        public override void Flush() => inner.Flush();
    }
}
