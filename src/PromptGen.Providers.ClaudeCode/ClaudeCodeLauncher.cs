using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace PromptGen;

/// <summary>
/// Starts the Claude Code CLI so that it cannot outlive the process that started it, even when that process is killed
/// with SIGKILL (where no code of ours runs). On Linux the CLI is started through util-linux's
/// <c>setpriv --pdeathsig KILL</c>, which sets <c>PR_SET_PDEATHSIG</c> and then executes the CLI in place (same PID): the
/// kernel sends it SIGKILL when its parent dies. The signal is tied to the parent <em>thread</em> that forked it, so every
/// start happens on one dedicated thread that lives as long as the process (a pool thread that retires would kill the CLI
/// mid-call). Elsewhere, or without <c>setpriv</c>, the CLI is started directly and cancellation still kills it.
/// </summary>
internal static class ClaudeCodeLauncher
{
    private static readonly string? s_setpriv = OperatingSystem.IsLinux()
        ? new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists)
        : null;

    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> s_queue = [];

    private static readonly Lazy<Thread> s_spawner = new(() =>
    {
        var thread = new Thread(Spawn) { IsBackground = true, Name = "PromptGen Claude Code launcher" };
        thread.Start();
        return thread;
    });

    /// <summary>Gets a value indicating whether started CLIs die with this process (Linux with <c>setpriv</c>).</summary>
    public static bool DiesWithParent => s_setpriv is not null;

    /// <summary>Starts <paramref name="start"/> (its file name resolved on PATH first) so the process dies with this one.</summary>
    /// <exception cref="Win32Exception">The executable cannot be found or started.</exception>
    public static Task<Process> StartAsync(ProcessStartInfo start)
    {
        if (s_setpriv is null)
        {
            return Task.FromResult(StartNow(start));
        }

        // setpriv would start even when the CLI is missing and fail later with an exit code: find it first.
        var executable = Resolve(start.FileName, start.Environment.TryGetValue("PATH", out var path) ? path : null)
            ?? throw new Win32Exception(2, $"'{start.FileName}' was not found on PATH");
        start.ArgumentList.Insert(0, executable);
        start.ArgumentList.Insert(0, "--");
        start.ArgumentList.Insert(0, "KILL");
        start.ArgumentList.Insert(0, "--pdeathsig");
        start.FileName = s_setpriv;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = s_spawner.Value;
        s_queue.Add((start, started));
        return started.Task;
    }

    private static void Spawn()
    {
        foreach (var (start, started) in s_queue.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(StartNow(start));
            }
#pragma warning disable CA1031 // Handed to the caller, which classifies it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                started.SetException(exception);
            }
        }
    }

    private static Process StartNow(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    private static string? Resolve(string fileName, string? path)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(fileName) ? Path.GetFullPath(fileName) : null;
        }

        return (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, fileName))
            .FirstOrDefault(File.Exists);
    }
}
