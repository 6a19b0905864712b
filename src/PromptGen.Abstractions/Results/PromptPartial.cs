namespace PromptGen;

/// <summary>
/// One update of a typed result being streamed: the value parsed so far (members not yet arrived are default or null,
/// a string being written as far as it has come), which members are complete and will not change, and the raw text so
/// far. The last update of a stream is final: <see cref="Result"/> holds the complete, fully validated value with its
/// usage, model and trace. When a complete part breaks a rule the stream stops and re-asks; the updates of the next
/// answer carry the next <see cref="Attempt"/> and start again from nothing.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class PromptPartial<T>
{
    private string? _text;

    /// <summary>Initializes an update; the raw text is not copied into a string until <see cref="Text"/> is read.</summary>
    /// <param name="value">The value so far.</param>
    /// <param name="complete">The JSON paths of the complete parts (for example <c>$.title</c>, <c>$.items[0]</c>).</param>
    /// <param name="text">The raw answer text so far; its contents must not change afterwards.</param>
    /// <param name="attempt">The answer this update belongs to: 1 for the first, 2 after the first re-ask, and so on.</param>
    /// <param name="result">The final result, on the last update only.</param>
    public PromptPartial(T? value, IReadOnlyList<string> complete, ReadOnlyMemory<char> text, int attempt, PromptResult<T>? result = null)
    {
        ArgumentNullException.ThrowIfNull(complete);
        Value = value;
        Complete = complete;
        TextMemory = text;
        Attempt = attempt;
        Result = result;
    }

    /// <summary>Gets the value parsed so far; on the final update, the complete validated value.</summary>
    public T? Value { get; }

    /// <summary>Gets the JSON paths of the parts that are complete and will not change (<c>$</c> once the whole value is closed).</summary>
    public IReadOnlyList<string> Complete { get; }

    /// <summary>Gets the raw answer text so far (made into a string on first read).</summary>
    public string Text => _text ??= new string(TextMemory.Span);

    /// <summary>Gets the raw answer text so far, without a copy.</summary>
    public ReadOnlyMemory<char> TextMemory { get; }

    /// <summary>Gets the answer this update belongs to (1 for the first; a re-ask starts the next).</summary>
    public int Attempt { get; }

    /// <summary>Gets a value indicating whether this is the last update, with the validated <see cref="Result"/>.</summary>
    public bool IsFinal => Result is not null;

    /// <summary>Gets the final result (value, model, usage, repairs, trace of every attempt); <see langword="null"/> before the last update.</summary>
    public PromptResult<T>? Result { get; }

    /// <summary>Gets a value indicating whether the member at <paramref name="path"/> (or a container holding it) is complete.</summary>
    /// <param name="path">A JSON path such as <c>$.title</c> or <c>$.items[1]</c>.</param>
    /// <returns><see langword="true"/> when that part will not change any more.</returns>
    public bool IsComplete(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var done in Complete)
        {
            if (path == done || (path.StartsWith(done, StringComparison.Ordinal) && path.Length > done.Length && path[done.Length] is '.' or '['))
            {
                return true;
            }
        }

        return false;
    }
}
