using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PromptGen;

/// <summary>
/// Runs the CLI once: arguments as a list (never one string), the prompt as one stream-json line on stdin (then
/// closed), stdout and stderr read concurrently line by line, the whole process tree killed on cancellation, and the
/// CLI started by <see cref="ClaudeCodeLauncher"/> so it dies with this process even on SIGKILL.
/// </summary>
internal sealed class ClaudeCodeProcessRunner(ClaudeCodeOptions options, SemaphoreSlim gate)
{
    private const int MaxStderrChars = 4000;

    public string Executable => options.ExecutablePath
        ?? System.Environment.GetEnvironmentVariable(ClaudeCodeOptions.ExecutableVariable)
        ?? "claude";

    public async Task<ClaudeCodeRun> RunAsync(ClaudeCodeInvocation invocation, Action<string>? onTextDelta, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        DirectoryInfo? scratch = null;
        try
        {
            scratch = Directory.CreateTempSubdirectory("promptgen-claude-");
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                WorkingDirectory = options.WorkingDirectory ?? scratch.FullName,
            };
            foreach (var argument in invocation.Arguments)
            {
                start.ArgumentList.Add(argument);
            }

            if (invocation.SystemPromptForFile is { } system)
            {
                var file = Path.Combine(scratch.FullName, "system-prompt.md");
                await File.WriteAllTextAsync(file, system, cancellationToken).ConfigureAwait(false);
                start.ArgumentList.Add("--system-prompt-file");
                start.ArgumentList.Add(file);
            }

            // The CLI keeps its own temporary files (a claude-<uid> directory) under TMPDIR: inside the scratch
            // directory they go when the run ends, however it ends.
            start.Environment["TMPDIR"] = scratch.FullName;
            foreach (var (key, value) in invocation.Environment)
            {
                if (value.Length == 0)
                {
                    start.Environment.Remove(key);
                }
                else
                {
                    start.Environment[key] = value;
                }
            }

            return await RunProcessAsync(start, invocation.StdinLine, onTextDelta, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
            TryDelete(scratch);
        }
    }

    private async Task<ClaudeCodeRun> RunProcessAsync(ProcessStartInfo start, string stdinLine, Action<string>? onTextDelta, CancellationToken cancellationToken)
    {
        Process started;
        try
        {
            started = await ClaudeCodeLauncher.StartAsync(start).ConfigureAwait(false);
        }
        catch (Win32Exception exception)
        {
            throw new PromptConfigurationException(
                $"The Claude Code CLI could not be started from '{Executable}' ({exception.Message}). Install it with 'npm install -g @anthropic-ai/claude-code', " +
                $"or set {ClaudeCodeOptions.ExecutableVariable} (or ClaudeCodeOptions.ExecutablePath) to the 'claude' executable.");
        }

        using var process = started;
        var run = new ClaudeCodeRun();
        using var kill = cancellationToken.Register(() => Kill(process));
        var stderr = ReadTailAsync(process.StandardError);
        try
        {
            try
            {
                await process.StandardInput.WriteLineAsync(stdinLine.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The CLI exited before reading its input; its exit code and stderr say why.
            }

            while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (run.Accept(line) is { } delta)
                {
                    onTextDelta?.Invoke(delta);
                }
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Timeout or caller cancellation: no process may outlive the call.
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        run.ExitCode = process.ExitCode;
        run.StandardError = await stderr.ConfigureAwait(false);
        return run;
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            tail.AppendLine(line);
            if (tail.Length > MaxStderrChars)
            {
                tail.Remove(0, tail.Length - MaxStderrChars);
            }
        }

        return tail.ToString();
    }

    private static void Kill(Process process)
    {
        try
        {
            // Tools and MCP servers can spawn children; SIGTERM alone leaves no output anyway.
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static void TryDelete(DirectoryInfo? directory)
    {
        try
        {
            directory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty temp directory is harmless; the OS cleans it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
