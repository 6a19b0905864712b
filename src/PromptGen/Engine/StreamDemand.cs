using System.Threading.Channels;

namespace PromptGen;

/// <summary>
/// Flow control between a streamed call and its reader: after handing updates to the reader, the attempt reads the
/// provider's next update only when the reader has taken them all and asks for more, as a pull-based
/// <c>IAsyncEnumerable</c> (an MEAI client) does. So when the reader stops early no read of the provider is pending: the
/// attempt disposes the provider's stream (the request is aborted, as when an MEAI enumerator is disposed) and ends
/// without a cancellation unwinding through the provider, the retry and breaker pipeline and the chain loop.
/// </summary>
/// <remarks>
/// The reader asks each time it has taken something and finds nothing more to read; the attempt takes one ask before each
/// read of the provider that follows a delivery. While it waits, the attempt's clock is paused (a slow reader is not a
/// stalled model); the reader's ask restarts it on the reader's own thread, before the ask returns, so the idle watch
/// runs from the moment the reader asked.
/// </remarks>
internal sealed class StreamDemand
{
    private static readonly UnboundedChannelOptions s_options = new() { SingleReader = true, SingleWriter = true };

    private readonly Channel<bool> _wake = Channel.CreateUnbounded<bool>(s_options);
    private readonly Lock _gate = new();
    private bool _took;
    private int _asks;
    private RouteAttempt? _paused;
    private TimeSpan? _idle;

    /// <summary>Reader side: notes that the reader took an update.</summary>
    public void Took() => _took = true;

    /// <summary>Reader side: the reader has taken everything and is about to wait; asks for the next update when it took one since the last ask.</summary>
    public void Ask()
    {
        if (!_took)
        {
            return;
        }

        _took = false;
        lock (_gate)
        {
            _asks++;
            if (_paused is { } attempt)
            {
                _paused = null;
                attempt.Resume(_idle);
            }
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>Reader side: the reader is gone; the attempt stops at its next wait.</summary>
    public void Abandon() => _wake.Writer.TryComplete();

    /// <summary>
    /// Attempt side: the attempt is about to hand updates to the reader; its clock stops until the reader asks for more
    /// (paused before the reader can see them, so however quickly the reader looks, the pause has begun).
    /// </summary>
    public void Delivering(RouteAttempt attempt, TimeSpan? idle)
    {
        lock (_gate)
        {
            attempt.Pause();
            _paused = attempt;
            _idle = idle;
        }
    }

    /// <summary>Attempt side: takes the reader's ask (<see langword="true"/>), waiting for it; <see langword="false"/> when the reader is gone.</summary>
    public ValueTask<bool> TakeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_asks > 0)
            {
                _asks--;
                return new ValueTask<bool>(true);
            }
        }

        return WaitAsync(cancellationToken);
    }

    /// <summary>Attempt side: the attempt is over; the reader's asks never touch it again.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            _paused = null;
        }
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        while (await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_wake.Reader.TryRead(out _))
            {
            }

            lock (_gate)
            {
                if (_asks > 0)
                {
                    _asks--;
                    return true;
                }
            }
        }

        return false;
    }
}
