using System.CommandLine;
using PromptGen.Cli.Commands;
using PromptGen.Evaluation;

namespace PromptGen.Cli;

/// <summary>
/// The <c>promptgen</c> tool: parses the command line, runs the command (Commands/) and maps failures to the exit codes
/// of <see cref="ExitCodes"/>.
/// </summary>
internal static class CliApplication
{

    /// <summary>Runs the tool against the real process environment and working directory.</summary>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = new CliHost
        {
            In = stdin,
            Out = stdout,
            Error = stderr,
            EnvironmentVariables = CliHost.ReadProcessEnvironment(),
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected,
        };
        return RunAsync(args, host, cancellationToken);
    }

    /// <summary>Runs the tool with the given environment variables and working directory (tests use this overload).</summary>
    public static Task<int> RunAsync(
        string[] args,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string> environmentVariables,
        string workingDirectory,
        CancellationToken cancellationToken,
        TimeProvider? time = null,
        bool interactive = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = new CliHost
        {
            In = stdin,
            Out = stdout,
            Error = stderr,
            EnvironmentVariables = environmentVariables,
            WorkingDirectory = workingDirectory,
            Time = time ?? TimeProvider.System,
            Interactive = interactive,
        };
        return RunAsync(args, host, cancellationToken);
    }

    private static async Task<int> RunAsync(string[] args, CliHost unredacted, CancellationToken cancellationToken)
    {
        var host = unredacted.Redacting();
        try
        {
            return await RunCommandAsync(args, host, cancellationToken);
        }
        finally
        {
            host.Complete();
        }
    }

    private static async Task<int> RunCommandAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        var root = new RootCommand("PromptGen: typed LLM calls for .NET. Ask a model, list the configured models, run prompt test suites, run the LLM simulator, or parse an answer that is almost JSON.")
        {
            AskCommand.Create(host),
            ModelsCommand.Create(host),
            SimulateCommand.Create(host),
            ParseCommand.Create(host),
            TestCommand.Create(host),
            ReportCommand.Create(host),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                host.Note(error.Message);
            }

            host.Note($"Run 'promptgen {CommandName(parsed)}--help' for usage.");
            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C is Program.cs's business: it cancels the token passed in here.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (PromptGenException exception)
        {
            // The message says what, where and how to fix it, with secrets redacted; a stack trace would add nothing.
            host.Note(exception.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception exception) when (exception is CliUsageException or EvaluationException)
        {
            host.Note(exception.Message);
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            host.Note("cancelled.");
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The tool's last line of defence: report, never crash with a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            host.Note($"unexpected error ({exception.GetType().Name}): {exception.Message}");
            return ExitCodes.UnexpectedError;
        }
    }

    private static string CommandName(ParseResult parsed) =>
        parsed.CommandResult.Command is RootCommand ? string.Empty : parsed.CommandResult.Command.Name + " ";
}
