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
        var command = new Command("simulate", "Run the LLM simulator (OpenAI, Anthropic and Ollama wire formats) on 127.0.0.1 until Ctrl+C.") { rules, port };
        command.SetAction((parsed, cancellationToken) => RunAsync(host, parsed.GetValue(rules), parsed.GetValue(port), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string? rulesFile, int port, CancellationToken cancellationToken)
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

        LlmSimulator simulator;
        try
        {
            simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { Port = port, Script = script }, cancellationToken);
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

            await output.WriteLineAsync($"Simulator stopped after {simulator.Requests.Count} request(s).");
        }

        return ExitCodes.Success;
    }
}
