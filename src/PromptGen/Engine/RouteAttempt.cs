using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PromptGen;

/// <summary>
/// One attempt on one route: its clock, activity, attempt timeout and HTTP context, and the record it leaves in the
/// trace. Shared by the non-streaming and streaming paths so both classify, log and trace failures the same way.
/// </summary>
internal sealed class RouteAttempt : AttemptContext, IImageScope, IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly DateTimeOffset _startedAt;
    private readonly Activity? _activity;
    private readonly TimeoutSourcePool _timeouts;
    private readonly TimeoutSource _timeout;
    private readonly CancellationTokenRegistration _cancellation;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationToken _deadline;
    private readonly TimeSpan _delay;
    private readonly TimeSpan _timeoutSpan;
    private TimeoutKind _watch;
    private TimeSpan _watchLimit;
    private TimeSpan _paused;
    private long _pausedSince;

    /// <summary>Gets the images of the attempt's call, loaded once, for the route's image middleware (<see cref="ImageFittingChatClient"/>).</summary>
    public ImageResolver.CallImages? Images { get; init; }

    public RouteAttempt(
        ModelRoute route,
        AttemptKind kind,
        TimeSpan? timeout,
        TimeProvider time,
        TimeoutSourcePool timeouts,
        bool recordContent,
        IList<ChatMessage> messages,
        TimeSpan delay,
        TimeSpan? firstToken,
        CancellationToken cancellationToken,
        CancellationToken deadline = default)
    {
        Route = route;
        Kind = kind;
        _deadline = deadline;
        _delay = delay;
        _time = time;
        _startedAt = time.GetUtcNow();
        _started = time.GetTimestamp();
        _activity = PromptGenTelemetry.StartAttempt(route, kind);
        if (recordContent)
        {
            PromptGenTelemetry.RecordContent(_activity, messages);
        }

        // One source per attempt, fired by the attempt timeout or by the caller's token (no linked source: the pooled
        // source is cancelled through a registration, so an attempt allocates nothing for its timeout on the system clock).
        _timeouts = timeouts;
        _cancellationToken = cancellationToken;
        _timeoutSpan = timeout ?? route.Endpoint.Timeout;
        if (firstToken is { } watch && (_timeoutSpan == Timeout.InfiniteTimeSpan || watch < _timeoutSpan))
        {
            // A streamed attempt whose first content is due before the attempt timeout: the source starts on that watch.
            _watch = TimeoutKind.FirstToken;
            _watchLimit = watch;
            _timeout = timeouts.Rent(watch);
        }
        else
        {
            _timeout = timeouts.Rent(_timeoutSpan);
        }
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _timeout.Cancellation);
        }
    }

    public ModelRoute Route { get; }

    /// <summary>Gets how long the attempt waited for a provider budget or a provider's 429 hold before it started.</summary>
    public TimeSpan BudgetWait { get; init; }

    public AttemptKind Kind { get; }


    /// <summary>Gets the token that fires on the caller's cancellation or the attempt timeout.</summary>
    public CancellationToken Token => _timeout.Token;

    /// <summary>Gets the time since the attempt started.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Gets the time from the start of a streamed attempt to its first content, once it has arrived.</summary>
    public TimeSpan? TimeToFirstToken { get; private set; }

    /// <summary>
    /// Notes that a streamed attempt made progress: the first content (recording the time to it) or a later update.
    /// The next update must come within <paramref name="idle"/>.
    /// </summary>
    public void Progressed(bool content, TimeSpan? idle)
    {
        if (content && TimeToFirstToken is null)
        {
            TimeToFirstToken = Elapsed;
        }

        if (TimeToFirstToken is not null)
        {
            Watch(idle, TimeoutKind.Idle);
        }
    }

    /// <summary>
    /// Stops the attempt's clock while a streamed attempt waits for its reader (<see cref="StreamDemand"/>): a slow reader
    /// is not a stalled model, so neither the idle watch nor the attempt timeout runs until <see cref="Resume"/>.
    /// </summary>
    public void Pause()
    {
        _pausedSince = _time.GetTimestamp();
        _timeouts.Reschedule(_timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Restarts the clock after <see cref="Pause"/>: the next update must come within <paramref name="idle"/>, within what is left of the attempt timeout.</summary>
    public void Resume(TimeSpan? idle)
    {
        _paused += _time.GetElapsedTime(_pausedSince);
        Watch(idle, TimeoutKind.Idle, rearm: true);
    }

    private void Watch(TimeSpan? limit, TimeoutKind kind, bool rearm = false)
    {
        var remaining = _timeoutSpan == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _timeoutSpan - (Elapsed - _paused);
        if (limit is { } watch && (remaining == Timeout.InfiniteTimeSpan || watch < remaining))
        {
            _watch = kind;
            _watchLimit = watch;
            _timeouts.Reschedule(_timeout, watch);
        }
        else if (rearm || _watch != TimeoutKind.None)
        {
            // No (shorter) watch from here on: back to what is left of the attempt timeout.
            _watch = TimeoutKind.None;
            _timeouts.Reschedule(_timeout, remaining == Timeout.InfiniteTimeSpan || remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }
    }

    public AttemptRecord Succeeded(ChatResponse response)
    {
        var elapsed = _time.GetElapsedTime(_started);
        PromptGenTelemetry.Succeeded(_activity, Route, response, elapsed);
        return new AttemptRecord(Route.Id.Canonical, Route.Endpoint.Provider, Kind, _startedAt, elapsed, AttemptOutcome.Succeeded)
        {
            Delay = _delay,
            BudgetWait = BudgetWait,
            TimeToFirstToken = TimeToFirstToken,
            InputTokens = response.Usage?.InputTokenCount,
            OutputTokens = response.Usage?.OutputTokenCount,
            CostUsd = response.AdditionalProperties?.TryGetValue(PromptGenResponseProperties.CostUsd, out var cost) == true ? cost as decimal? : null,
        };
    }

    public AttemptRecord Cancelled() => Record(PromptErrorKind.Cancelled, "Cancelled by the caller.", null);

    /// <summary>The record of an attempt the circuit breaker rejected: no request was sent.</summary>
    public static AttemptRecord Skipped(ModelRoute route, AttemptKind kind, DateTimeOffset at, TimeSpan delay, CircuitOpenException error) =>
        new(route.Id.Canonical, route.Endpoint.Provider, kind, at, TimeSpan.Zero, AttemptOutcome.Skipped)
        {
            Delay = delay,
            ErrorKind = error.Kind,
            ErrorMessage = error.Message,
        };

    /// <summary>Classifies a failure, reports it to telemetry and the log, and returns it with its trace record.</summary>
    public (PromptGenException Error, AttemptRecord Record) Failed(Exception exception, SecretRedactor redactor, ILogger logger)
    {
        var timeout = _timeout.IsCancellationRequested && !_cancellationToken.IsCancellationRequested ? (_watch == TimeoutKind.None ? TimeoutKind.Attempt : _watch)
            : _deadline.IsCancellationRequested ? TimeoutKind.Deadline
            : TimeoutKind.None;
        var limit = timeout switch
        {
            TimeoutKind.FirstToken or TimeoutKind.Idle => _watchLimit,
            _ => _timeoutSpan,
        };
        var error = ErrorMapper.Map(exception, this, Route, timeout, redactor, limit);
        PromptGenTelemetry.Failed(_activity, Route, error.Kind, error.Message, _time.GetElapsedTime(_started));
        Log.AttemptFailed(logger, Route.Id.Canonical, error.Kind, error.Message);
        return (error, Record(error.Kind, error.Message, error.StatusCode));
    }

    public void Dispose()
    {
        // Unregister first: Dispose waits for a running callback, so no late Cancel reaches a source back in the pool.
        _cancellation.Dispose();
        _timeouts.Return(_timeout);
        _activity?.Dispose();
    }

    private AttemptRecord Record(PromptErrorKind error, string message, int? status) =>
        new(Route.Id.Canonical, Route.Endpoint.Provider, Kind, _startedAt, _time.GetElapsedTime(_started), AttemptOutcome.Failed)
        {
            Delay = _delay,
            BudgetWait = BudgetWait,
            TimeToFirstToken = TimeToFirstToken,
            ErrorKind = error,
            ErrorMessage = message,
            StatusCode = status,
        };
}
