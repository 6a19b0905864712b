using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PromptGen.Redis.Tests;

/// <summary>
/// A real redis-server (Debian's package; eng/test.sh installs it) on a free loopback port, with no persistence, started
/// for one test and stopped after it. <see cref="Kill"/> ends it abruptly, as an outage would.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run eng/test.sh (it installs Debian's redis-server package) or apt-get install -y redis-server.");
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;

        // Ready when it says so on standard output (no polling, no sleep).
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new RedisServer(process, port);
            }
        }

        throw new InvalidOperationException($"redis-server exited before it was ready: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>Ends the server at once (SIGKILL), as a crash would, and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
