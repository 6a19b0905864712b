using System.Text.Json;
using PromptGen.Validation.Lenient;

namespace PromptGen.Validation;

/// <summary>
/// Reads a JSON answer that is still being written, chunk by chunk, with the repairs of <see cref="JsonExtractor"/>.
/// Each <see cref="Append(ReadOnlySpan{char})"/> continues where the previous one stopped (the text is read once, not
/// again per chunk). <see cref="Read"/> gives the value so far: members not yet arrived are absent (null when
/// deserialized), a string being written is shown as far as it has come but never reported complete before its closing
/// quote, a number or unquoted value appears only once its end has been seen, lists grow item by item. A complete part
/// that does not fit the schema is an error at once. The final value of an answer is read by <see cref="JsonExtractor"/>.
/// </summary>
public sealed class PartialJsonParser
{
    private static readonly System.Buffers.SearchValues<char> s_plain = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$-");
    private readonly PartialJsonReader _reader;
    private readonly SchemaCoercer? _coercer;

    /// <summary>Initializes a parser for answers that should fit <paramref name="schema"/>.</summary>
    /// <param name="schema">The JSON schema of the expected value, if known (picks the value's opener and drives coercion).</param>
    /// <param name="policy">How far to go: strict, repair, or repair and coerce (the default).</param>
    public PartialJsonParser(JsonElement? schema = null, JsonParsePolicy policy = JsonParsePolicy.RepairAndCoerce)
    {
        _coercer = schema is { ValueKind: JsonValueKind.Object } s ? new SchemaCoercer(SchemaModels.Get(s), policy) { Partial = true } : null;
        _reader = new PartialJsonReader(_coercer?.RootKind);
    }

    /// <summary>Gets the text received so far.</summary>
    public string Text => _reader.Text.ToString();

    /// <summary>Gets the number of characters received so far.</summary>
    public int Length => _reader.Text.Length;

    /// <summary>Gets a counter that moves whenever a value (member, item, container) has been completed.</summary>
    public int Completed => _reader.Completed;

    /// <summary>Gets a value indicating whether the JSON value has been closed.</summary>
    public bool IsComplete => _reader.Complete;

    /// <summary>Reads the next chunk of the answer.</summary>
    /// <param name="chunk">The text that arrived.</param>
    public void Append(ReadOnlySpan<char> chunk) => _reader.Append(chunk);

    /// <summary>Says no more text will come (decides what was waiting for a look-ahead).</summary>
    public void End() => _reader.End();

    /// <summary>The value read so far, which members are complete, and any complete part that breaks the schema.</summary>
    /// <returns>The snapshot; its cost is linear in the value so far (read it when you need it, not per character).</returns>
    public PartialJson Read() =>
        ReadCore(this, static (parser, value, complete, errors) => new PartialJson(value is null ? default : LenientNodes.ToElement(value), complete, errors, parser._reader.Complete));

    /// <summary>
    /// The text so far without a copy: the reader's buffer is never rewritten below its length (it is replaced, not
    /// changed, when it grows), so this stays the text of this moment while more arrives.
    /// </summary>
    internal ReadOnlyMemory<char> TextMemory => _reader.TextMemory;

    /// <summary>
    /// <see cref="Read"/> for a stream update, without a <see cref="JsonElement"/>: the value so far is written as UTF-8
    /// JSON to <paramref name="writer"/> (a reused, pooled writer; nothing is written when there is no value yet).
    /// </summary>
    /// <param name="writer">The writer, reset by the caller onto its buffer.</param>
    /// <returns>Whether a value was written, the complete paths and the errors.</returns>
    internal (bool HasValue, IReadOnlyList<string> Complete, IReadOnlyList<string> Errors) ReadInto(Utf8JsonWriter writer) =>
        ReadCore(writer, static (writer, value, complete, errors) =>
        {
            if (value is not null)
            {
                LenientNodes.Write(value, writer);
                writer.Flush();
            }

            return (value is not null, complete, errors);
        });

    private TResult ReadCore<TState, TResult>(TState state, Func<TState, LenientNode?, IReadOnlyList<string>, IReadOnlyList<string>, TResult> finish)
    {
        if (_reader.Root is not { } root)
        {
            return finish(state, null, [], []);
        }

        var (pending, parent, key) = _reader.Pending;
        var temporary = pending is null ? null : new LenientNode(LenientKind.String, _reader.Position, pending) { CutOff = true };
        if (temporary is not null)
        {
            // The string being written is shown as far as it has come (marked incomplete) and taken out again.
            if (parent!.Kind == LenientKind.Array)
            {
                parent.Items!.Add(temporary);
            }
            else if (key is not null)
            {
                parent.Members!.Add(new(key, temporary));
            }
        }

        try
        {
            var value = root;
            IReadOnlyList<string> errors = [];
            if (_coercer is not null)
            {
                _coercer.Changes.Clear();
                if (_coercer.TryRun(root, prose: false, out var coerced, out _))
                {
                    value = coerced!;
                }
                else
                {
                    var text = Text;
                    errors = _coercer.Errors.ConvertAll(e => Located(text, e));
                    value = null!;
                }
            }

            var complete = new List<string>();
            if (value is not null)
            {
                CompletePaths(value, "$", complete);
            }

            return finish(state, value, complete, errors);
        }
        finally
        {
            if (temporary is not null)
            {
                if (parent!.Kind == LenientKind.Array)
                {
                    parent.Items!.RemoveAt(parent.Items.Count - 1);
                }
                else if (key is not null)
                {
                    parent.Members!.RemoveAt(parent.Members.Count - 1);
                }
            }
        }
    }

    private static string Located(string text, CoercionError error)
    {
        var (line, column) = JsonExtractor.Position(text, error.Offset);
        return $"{error.Path} (line {line}, column {column}): {error.Message}.";
    }

    /// <summary>A member's path: <c>$.name</c>, or <c>$["odd key"]</c> when the name is not a plain identifier.</summary>
    internal static string Member(string path, string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.AsSpan().IndexOfAnyExcept(s_plain) < 0
            ? $"{path}.{name}"
            : $"{path}[\"{JsonEncodedText.Encode(name, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"]";

    private static void CompletePaths(LenientNode node, string path, List<string> complete)
    {
        if (!node.CutOff)
        {
            complete.Add(path);
            return;
        }

        if (node.Members is { } members)
        {
            foreach (var (name, value) in members)
            {
                CompletePaths(value, Member(path, name), complete);
            }
        }
        else if (node.Items is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                CompletePaths(items[i], $"{path}[{i}]", complete);
            }
        }
    }
}
