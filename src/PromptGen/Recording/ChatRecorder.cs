using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// Records model exchanges to a directory, or answers from one without calling the model. The router builds one from
/// <see cref="PromptGenOptions.Recording"/> and puts it on every route's client; application tests can also wrap any
/// <see cref="IChatClient"/> with <see cref="Wrap"/>. A request is matched by its fingerprint: the SHA-256 of the
/// <see cref="BeginScope">scope</see>, the model id and the request (messages, images by hash, chat options) after
/// redaction. Secrets never reach a recording: everything written passes through the <see cref="SecretRedactor"/>.
/// </summary>
public sealed class ChatRecorder
{
    private static readonly AsyncLocal<string?> s_scope = new();

    private readonly RecordingStore? _store;
    private int _recorded;
    private int _replayed;

    /// <summary>Initializes a recorder. In <see cref="ChatRecordingMode.Replay"/> every recording is read and checked now.</summary>
    /// <param name="options">The mode and directory.</param>
    /// <param name="redactor">The redactor every recorded text passes through; <see langword="null"/> for one that removes key-shaped text only.</param>
    /// <param name="timeProvider">The clock latencies are measured with; <see langword="null"/> for the system clock.</param>
    /// <exception cref="PromptConfigurationException">The directory is missing (or unwritable), or a recording is corrupt; the message names the file and the field.</exception>
    public ChatRecorder(ChatRecordingOptions options, SecretRedactor? redactor = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Mode = options.Mode;
        Redactor = redactor ?? new SecretRedactor();
        Time = timeProvider ?? TimeProvider.System;
        if (Mode == ChatRecordingMode.Off)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            throw new PromptConfigurationException($"PromptGen:Recording:Mode is {Mode} but PromptGen:Recording:Directory is not set. Set it to the directory that holds (or will hold) the recording.");
        }

        var directory = Path.GetFullPath(options.Directory);
        _store = Mode == ChatRecordingMode.Record ? RecordingStore.ForRecording(directory) : RecordingStore.ForReplay(directory);
    }

    /// <summary>Gets the mode.</summary>
    public ChatRecordingMode Mode { get; }

    /// <summary>Gets the full path of the recording directory; <see langword="null"/> when the mode is <see cref="ChatRecordingMode.Off"/>.</summary>
    public string? Directory => _store?.Directory;

    /// <summary>Gets the number of exchanges recorded so far.</summary>
    public int Recorded => Volatile.Read(ref _recorded);

    /// <summary>Gets the number of requests answered from the recording so far.</summary>
    public int Replayed => Volatile.Read(ref _replayed);

    /// <summary>Gets the number of distinct requests in the directory (read at start when replaying; written so far when recording).</summary>
    public int Requests => _store?.Count ?? 0;

    internal SecretRedactor Redactor { get; }

    internal TimeProvider Time { get; }

    /// <summary>
    /// Names the exchanges of the current asynchronous flow (for example a test case and its repeat, <c>capital#2</c>)
    /// until the returned scope is disposed: the name is part of each fingerprint, so equal requests of different cases
    /// are recorded apart, and an error for a request with no recording names it.
    /// </summary>
    /// <param name="name">The scope's name.</param>
    /// <returns>A handle that restores the previous scope when disposed.</returns>
    public static IDisposable BeginScope(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var previous = s_scope.Value;
        s_scope.Value = name;
        return new Scope(previous);
    }

    /// <summary>Returns <paramref name="client"/> recorded or replayed as this recorder's mode says (unchanged when it is off).</summary>
    /// <param name="client">The client that calls the model.</param>
    /// <param name="modelId">The model id the exchanges are filed under, for example <c>openai/gpt-4o</c>.</param>
    /// <returns>The wrapping client.</returns>
    public IChatClient Wrap(IChatClient client, string modelId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return Mode == ChatRecordingMode.Off ? client : new RecordingChatClient(client, modelId, this);
    }

    internal (string? Scope, JsonObject Request, string Fingerprint) Describe(string model, IList<ChatMessage> messages, ChatOptions? options)
    {
        var scope = s_scope.Value;
        var request = RecordingFormat.Request(messages, options, Redactor);
        return (scope, request, RecordingFormat.Fingerprint(scope, model, request));
    }

    internal ChatResponse Replay(string fingerprint, string? scope, string model, JsonObject request)
    {
        var response = RecordingFormat.Response(_store!.Next(fingerprint, scope, model, request));
        Interlocked.Increment(ref _replayed);
        return response;
    }

    internal void Record(string fingerprint, string? scope, string model, JsonObject request, JsonObject exchange)
    {
        _store!.Append(fingerprint, scope, model, request, exchange);
        Interlocked.Increment(ref _recorded);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => s_scope.Value = previous;
    }
}
