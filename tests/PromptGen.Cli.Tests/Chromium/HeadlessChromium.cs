using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PromptGen.Cli.Tests.Chromium;

/// <summary>
/// Debian's headless Chromium driven over the Chrome DevTools Protocol with a plain <see cref="ClientWebSocket"/>: one
/// page, commands with ids, events by name. A fresh profile per instance; the process tree and profile go on dispose.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentDictionary<string, List<TaskCompletionSource<JsonObject>>> _waiters = new();
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private readonly TaskCompletionSource<int> _activePort = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FileSystemWatcher? _watcher;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    private void TryReadActivePort()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(_profile, "DevToolsActivePort"));
            if (lines.Length >= 2 && int.TryParse(lines[0], System.Globalization.CultureInfo.InvariantCulture, out var port))
            {
                _activePort.TrySetResult(port);
            }
        }
        catch (IOException)
        {
            // Not there yet, or still being written: the watcher calls again.
        }
    }

    /// <summary>Gets every event received so far (method and params).</summary>
    public IEnumerable<JsonObject> Events => _events;

    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"{Executable} is missing, so the HTML report cannot be checked in a real browser. Install Debian's chromium: " +
                "apt-get update && apt-get install -y --no-install-recommends chromium (.ci/run does this).");
        }

        var profile = Path.Combine(Path.GetTempPath(), "promptgen-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var watcher = new FileSystemWatcher(profile, "DevToolsActivePort");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
        var browser = new HeadlessChromium(process, profile) { _watcher = watcher };
        watcher.Created += (_, _) => browser.TryReadActivePort();
        watcher.Changed += (_, _) => browser.TryReadActivePort();
        watcher.Renamed += (_, _) => browser.TryReadActivePort();
        try
        {
            watcher.EnableRaisingEvents = true;
            await browser.ConnectAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync()
    {
        // Chromium prints "DevTools listening on ws://…" once DevToolsActivePort is written; wait for that line, not a timer.
        using var timeout = new CancellationTokenSource(s_timeout, TimeProvider.System);
        var stderr = new StringBuilder();
        Uri listening;
        _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        while (true)
        {
            var line = await _process.StandardError.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"Chromium exited before DevTools was listening (exit {(_process.HasExited ? _process.ExitCode : -1)}): {stderr}");
            stderr.AppendLine(line);
            if (line.Contains("DevTools listening on", StringComparison.Ordinal))
            {
                listening = new Uri(line[(line.IndexOf("ws://", StringComparison.Ordinal))..].Trim());
                break;
            }
        }

        _ = DrainAsync(_process.StandardError);

        // DevToolsActivePort holds the port (first line) and the browser's path (second); Chromium may write it just after
        // the line above, so a watcher (created before the process started) reports when it is complete.
        TryReadActivePort();
        var port = await _activePort.Task.WaitAsync(timeout.Token);
        if (port != listening.Port)
        {
            throw new InvalidOperationException($"DevToolsActivePort says port {port} but Chromium is listening on {listening}.");
        }

        using var http = new HttpClient();
        using var created = await http.PutAsync(new Uri($"http://127.0.0.1:{port}/json/new?about:blank"), null, timeout.Token);
        created.EnsureSuccessStatusCode();
        var page = JsonNode.Parse(await created.Content.ReadAsStringAsync(timeout.Token))!;
        await _socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), timeout.Token);
        _receiving = ReceiveAsync();
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is not null)
        {
        }
    }

    /// <summary>Sends a command and returns its result; a protocol error throws.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        var reply = await done.Task.WaitAsync(s_timeout);
        if (reply["error"] is { } error)
        {
            throw new InvalidOperationException($"CDP {method} failed: {error.ToJsonString()}");
        }

        return reply["result"]?.AsObject() ?? [];
    }

    /// <summary>Returns a task for the next event named <paramref name="method"/>; call before the command that causes it.</summary>
    public Task<JsonObject> NextEventAsync(string method)
    {
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiters = _waiters.GetOrAdd(method, _ => []);
        lock (waiters)
        {
            waiters.Add(done);
        }

        return done.Task.WaitAsync(s_timeout);
    }

    /// <summary>Evaluates an expression in the page and returns its value (which must be JSON-serialisable).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException($"The page threw: {exception.ToJsonString()}");
        }

        return result["result"]?["value"]?.DeepClone();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (node["id"] is { } id && _pending.TryRemove((int)id, out var pending))
                {
                    pending.TrySetResult(node);
                }
                else if (node["method"] is { } method)
                {
                    var parameters = node["params"]?.AsObject() ?? [];
                    _events.Enqueue(new JsonObject { ["method"] = (string)method!, ["params"] = parameters.DeepClone() });
                    if (_waiters.TryGetValue((string)method!, out var waiters))
                    {
                        lock (waiters)
                        {
                            foreach (var waiter in waiters)
                            {
                                waiter.TrySetResult(parameters);
                            }

                            waiters.Clear();
                        }
                    }
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The browser went away or we are disposing.
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("The DevTools connection closed."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        _socket.Dispose();
        await _receiving.ConfigureAwait(false);
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(s_timeout);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _watcher?.Dispose();
        _process.Dispose();
        _stop.Dispose();
        for (var attempt = 0; attempt < 3 && Directory.Exists(_profile); attempt++)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium's last writes may still be landing; the next attempt gets them.
            }
        }
    }
}
