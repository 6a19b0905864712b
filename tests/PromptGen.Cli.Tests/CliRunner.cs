using PromptGen.Testing;

namespace PromptGen.Cli.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>
/// Runs <see cref="CliApplication"/> in-process with its own environment variables (none unless given) and working
/// directory, so no test depends on the machine's environment or current directory.
/// </summary>
internal sealed class CliRunner : IDisposable
{

    public CliRunner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "promptgen-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>Gets the unique working directory of this test.</summary>
    public string Directory { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets how long one run may take before it is cancelled (a hung run fails instead of hanging the suite).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Writes a file into the working directory and returns its full path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a configuration file pointing the openai and anthropic providers at <paramref name="simulator"/>.</summary>
    public string WriteConfig(LlmSimulator simulator, string apiKey = "sk-test-PLANTED-0123456789", string extra = "", string name = "test-config.json") =>
        WriteFile(name, $$"""
            {
              "PromptGen": {
                {{extra}}
                "Providers": {
                  "openai": { "BaseUrl": "{{simulator.OpenAIBaseUrl}}", "ApiKey": "{{apiKey}}" },
                  "anthropic": { "BaseUrl": "{{simulator.AnthropicBaseUrl}}", "ApiKey": "{{apiKey}}" }
                }
              }
            }
            """);

    public async Task<CliResult> RunAsync(string[] args, string stdin = "", TextWriter? stdout = null, TimeProvider? time = null, bool interactive = false, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(Timeout, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var output = stdout ?? new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, new StringReader(stdin), output, error, Environment, Directory, linked.Token, time, interactive);
        return new CliResult(exitCode, output.ToString()!, error.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
