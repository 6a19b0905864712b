using System.Reflection;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>Where the real CLI was installed by the build. A missing binary fails the tests; it is never skipped.</summary>
internal static class ClaudeCli
{
    public static string Path { get; } = typeof(ClaudeCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClaudeCliPath").Value!;

    /// <summary>Counts live processes running the installed CLI binary (resolved through /proc, so only this install counts).</summary>
    public static int RunningProcesses()
    {
        var binary = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "..", "@anthropic-ai", "claude-code", "bin"));
        var count = 0;
        foreach (var process in System.Diagnostics.Process.GetProcesses())
        {
            using (process)
            {
                try
                {
                    var exe = new FileInfo($"/proc/{process.Id}/exe").LinkTarget;
                    // Only this test process's own descendants: other test assemblies run the CLI at the same time.
                    if (exe is not null && exe.StartsWith(binary, StringComparison.Ordinal) && !process.HasExited && IsDescendant(process.Id))
                    {
                        count++;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // Exited while we looked, or not ours to inspect.
                }
            }
        }

        return count;
    }

    private static bool IsDescendant(int pid)
    {
        for (var depth = 0; depth < 16 && pid > 1; depth++)
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            pid = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == Environment.ProcessId)
            {
                return true;
            }
        }

        return false;
    }

    public static void EnsureInstalled() =>
        Assert.True(File.Exists(Path), $"The Claude Code CLI is not installed at {Path}. Build the test project (it runs 'npm install @anthropic-ai/claude-code') with npm available.");
}
