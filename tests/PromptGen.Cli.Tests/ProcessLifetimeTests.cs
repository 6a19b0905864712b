using System.Diagnostics;
using System.Reflection;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests;

/// <summary>
/// The real <c>promptgen</c> executable with the real Claude Code CLI: killed with SIGKILL mid-call it leaves no
/// <c>claude</c> running; stopped with SIGINT it leaves no temporary directory.
/// </summary>
public sealed class ProcessLifetimeTests : IAsyncLifetime, IDisposable
{
    private static readonly string s_claude = typeof(ProcessLifetimeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClaudeCliPath").Value!;

    private static readonly TimeSpan s_safety = TimeSpan.FromSeconds(60);

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sigkill_of_promptgen_during_a_max_call_leaves_no_claude_running()
    {
        _simulator.Script.When(userContains: "hang").Fault(SimulatorFault.Hang);
        using var promptgen = StartPromptGen("please hang");
        try
        {
            // The CLI has sent its request and waits on the (hanging) API: it is running now.
            using (var safety = new CancellationTokenSource(s_safety, TimeProvider.System))
            {
                await _simulator.WaitForRequestAsync(r => r.Method == "POST", safety.Token);
            }

            var claude = Children(promptgen.Id);
            Assert.NotEmpty(claude);

            promptgen.Kill(entireProcessTree: false);
            await promptgen.WaitForExitAsync();

            Assert.All(claude, pid => Assert.True(ProcessExit.WaitForExit(pid, s_safety), $"claude (pid {pid}) outlived promptgen killed with SIGKILL"));
        }
        finally
        {
            KillQuietly(promptgen);
        }
    }

    [Fact]
    public async Task Sigint_during_a_max_call_leaves_no_temporary_directory()
    {
        _simulator.Script.When(userContains: "hang").Fault(SimulatorFault.Hang);
        using var promptgen = StartPromptGen("please hang");
        try
        {
            using (var safety = new CancellationTokenSource(s_safety, TimeProvider.System))
            {
                await _simulator.WaitForRequestAsync(r => r.Method == "POST", safety.Token);
            }

            Assert.NotEmpty(Directory.GetDirectories(TempDirectory, "promptgen-claude-*"));
            Assert.Equal(0, ProcessExit.Signal(promptgen.Id, 2));
            using (var safety = new CancellationTokenSource(s_safety, TimeProvider.System))
            {
                await promptgen.WaitForExitAsync(safety.Token);
            }

            Assert.Equal(130, promptgen.ExitCode);
            var left = Directory.GetFileSystemEntries(TempDirectory);
            Assert.True(left.Length == 0, string.Join(", ", left));
        }
        finally
        {
            KillQuietly(promptgen);
        }
    }

    private string TempDirectory => Directory.CreateDirectory(Path.Combine(_cli.Directory, "tmp")).FullName;

    private Process StartPromptGen(string question)
    {
        Assert.True(OperatingSystem.IsLinux(), "process lifetime is tested on Linux");
        Assert.True(File.Exists(s_claude), $"The Claude Code CLI is not installed at {s_claude}; building the tests installs it with npm.");
        var home = Directory.CreateDirectory(Path.Combine(_cli.Directory, "home")).FullName;
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "PromptGen.Cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _cli.Directory,
        };
        foreach (var argument in (string[])["ask", "--model", "max/sonnet", question])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath);
        start.Environment["PROMPTGEN_CLAUDE_PATH"] = s_claude;
        start.Environment["ANTHROPIC_BASE_URL"] = _simulator.AnthropicBaseUrl.ToString().TrimEnd('/');
        start.Environment["ANTHROPIC_API_KEY"] = "sk-ant-lifetime-test";
        start.Environment["HOME"] = home;
        start.Environment["CLAUDE_CONFIG_DIR"] = Path.Combine(home, ".claude");
        start.Environment["TMPDIR"] = TempDirectory;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>The direct children of a process, from /proc (every thread's list).</summary>
    private static List<int> Children(int pid) =>
        [.. Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .Distinct()];

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
