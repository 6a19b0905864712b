using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>
/// An answer still being written, as rules see it mid-stream: the raw text so far, the value read so far (members not yet
/// arrived are absent) and the JSON paths of the complete parts. A rule decides on it only what the rest of the answer
/// cannot change (<see cref="ResponseRule.PartialError(PartialAnswer)"/>). The value is parsed from the update's JSON
/// only if a rule asks for it, and released with the answer.
/// </summary>
internal sealed class PartialAnswer(ReadOnlyMemory<char> text, ReadOnlyMemory<byte> json, IReadOnlyList<string> complete, int checkedLength = 0) : IDisposable
{
    private JsonDocument? _document;

    /// <summary>Gets the raw text so far.</summary>
    public ReadOnlySpan<char> Text => text.Span;

    /// <summary>Gets how much of <see cref="Text"/> the previous check saw (a text search need only look at what is new).</summary>
    public int CheckedLength { get; } = checkedLength;

    /// <summary>Gets the value read so far; <see cref="JsonValueKind.Undefined"/> before it has started. Valid until disposed.</summary>
    public JsonElement Value => json.IsEmpty ? default : (_document ??= JsonDocument.Parse(json)).RootElement;

    /// <summary>Gets the JSON paths of the complete parts.</summary>
    public IReadOnlyList<string> Complete { get; } = complete;

    /// <summary>Whether the part at <paramref name="path"/> (or a container holding it) is complete.</summary>
    /// <param name="path">A JSON path as <see cref="PartialJsonParser"/> writes them (<c>$.items[1].name</c>).</param>
    /// <returns><see langword="true"/> when that part will not change any more.</returns>
    public bool IsComplete(string path)
    {
        foreach (var done in Complete)
        {
            if (path == done || (path.StartsWith(done, StringComparison.Ordinal) && path.Length > done.Length && path[done.Length] is '.' or '['))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _document?.Dispose();
}
