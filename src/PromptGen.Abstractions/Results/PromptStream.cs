using System.Diagnostics.CodeAnalysis;

namespace PromptGen;

/// <summary>
/// A streamed answer: enumerate it for the updates as they arrive; when the enumeration has ended, <see cref="Completion"/>
/// holds the whole answer with the model that gave it, its usage and the trace of every attempt (or the typed error that
/// ended the stream). A stream can be enumerated once.
/// </summary>
/// <typeparam name="T">The update type: text fragments from a generated method, <c>ChatResponseUpdate</c>s from the router.</typeparam>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A stream of a prompt's answer, read with await foreach; not a System.IO.Stream, and the name users look for.")]
public sealed class PromptStream<T> : IAsyncEnumerable<T>
{
    private readonly IAsyncEnumerable<T> _source;
    private int _enumerated;

    /// <summary>Initializes a stream over <paramref name="source"/> whose outcome is <paramref name="completion"/>.</summary>
    /// <param name="source">The updates; enumerating them runs the call.</param>
    /// <param name="completion">Completes when the call has ended: the answer, or the call's error; cancelled when the caller stops reading early.</param>
    public PromptStream(IAsyncEnumerable<T> source, Task<PromptResult<string>> completion)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(completion);
        _source = source;
        Completion = completion;
    }

    /// <summary>
    /// Gets the outcome of the call once the stream has ended: the assembled text with <see cref="PromptResult{T}.ModelId"/>,
    /// <see cref="PromptResult{T}.Usage"/> and <see cref="PromptResult{T}.Trace"/>; faulted with the
    /// <see cref="PromptGenException"/> that ended the stream; cancelled when the caller stopped reading early.
    /// </summary>
    public Task<PromptResult<string>> Completion { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The stream has already been enumerated: each enumeration would be a new call.</exception>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _enumerated, 1) == 0
            ? _source.GetAsyncEnumerator(cancellationToken)
            : throw new InvalidOperationException("This PromptStream has already been read. Each stream is one call; call the method again for another answer.");
}
