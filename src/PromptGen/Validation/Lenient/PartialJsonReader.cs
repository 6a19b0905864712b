using System.Text;

namespace PromptGen.Validation.Lenient;

/// <summary>
/// Reads an answer that is still being written, chunk by chunk: each <see cref="Append"/> continues where the last one
/// stopped (a resumable state machine with an explicit stack, not a re-read of the text), with the lenient reader's
/// repairs (prose and fences before the value, unquoted keys and values, single quotes and backticks, comments,
/// trailing and missing commas, Python literals, thousands separators in member numbers). A value is marked complete
/// only when its end has been seen: a string at its closing quote once what follows confirms it closes, a number or
/// unquoted value at the separator after it, a container at its closer. Incomplete values carry
/// <see cref="LenientNode.CutOff"/>. The tree grows in place; the final value of a call is read by the full
/// <see cref="JsonExtractor"/> once at the end.
/// </summary>
internal sealed partial class PartialJsonReader
{
    private const int MaxDepth = 64;
    private const int MaxLookAhead = 256;

    private readonly List<Frame> _stack = [];
    private readonly StringBuilder _string = new();
    private readonly char _opener;
    private char[] _text = new char[256];
    private int _length;
    private int _pos;
    private bool _ended;
    private Token _token;
    private int _tokenStart;
    private char _quote;

    /// <summary>Initializes a reader; <paramref name="expected"/> (object, array or null) picks the opener the value starts with.</summary>
    public PartialJsonReader(string? expected = null) => _opener = expected switch
    {
        "object" => '{',
        "array" => '[',
        _ => '\0',
    };

    private enum Token
    {
        None,
        String,
        Scalar,
        Key,
        Triple,
    }

    private enum Expect
    {
        Key,
        Colon,
        Value,
        After,
    }

    /// <summary>Gets the value read so far (grows in place), or <see langword="null"/> before its first character.</summary>
    public LenientNode? Root { get; private set; }

    /// <summary>Gets a value indicating whether the root value has been closed.</summary>
    public bool Complete => Root is { CutOff: false };

    /// <summary>Gets the text received so far.</summary>
    public ReadOnlySpan<char> Text => _text.AsSpan(0, _length);

    /// <summary>Gets the text received so far as memory over the buffer (never rewritten below its length; replaced when it grows).</summary>
    public ReadOnlyMemory<char> TextMemory => _text.AsMemory(0, _length);

    /// <summary>Gets the number of values completed so far (a counter that moves whenever the partial value gains a complete part).</summary>
    public int Completed { get; private set; }

    /// <summary>Gets the number of characters read (consumed) so far; the rest waits for more text to decide.</summary>
    public int Position => _pos;

    /// <summary>Gets the content of the string being read (not yet closed), if any, and the container it belongs to.</summary>
    public (string? Text, LenientNode? Parent, string? Key) Pending =>
        _token is Token.String or Token.Triple && _stack.Count > 0 && _stack[^1].State != Expect.Key ? (_string.ToString(), _stack[^1].Node, _stack[^1].Key) : (null, null, null);

    /// <summary>Reads a chunk, continuing where the previous one stopped.</summary>
    public void Append(ReadOnlySpan<char> chunk)
    {
        if (_length + chunk.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + chunk.Length));
        }

        chunk.CopyTo(_text.AsSpan(_length));
        _length += chunk.Length;
        Advance();
    }

    /// <summary>No more text will come: what was waiting for a look-ahead is decided, and open values stay incomplete.</summary>
    public void End()
    {
        _ended = true;
        Advance();
    }

    private void Advance()
    {
        while (_pos < _length)
        {
            var progressed = _token switch
            {
                Token.String => ContinueString(),
                Token.Scalar => ContinueScalar(),
                Token.Key => ContinueKey(),
                Token.Triple => ContinueTriple(),
                _ => Root is null ? FindRoot() : _stack.Count == 0 ? Skip() : Structure(),
            };
            if (!progressed)
            {
                return;
            }
        }

        if (_ended && _token == Token.Scalar)
        {
            ContinueScalar();
        }
    }

    private bool Skip()
    {
        _pos = _length;
        return true;
    }

    private bool FindRoot()
    {
        var span = _text.AsSpan(_pos, _length - _pos);
        var at = _opener == '\0' ? span.IndexOfAny('{', '[') : span.IndexOf(_opener);
        if (at < 0)
        {
            _pos = _length;
            return true;
        }

        _pos += at;
        Open(_text[_pos], null);
        return true;
    }

    private bool Structure()
    {
        var c = _text[_pos];
        if (char.IsWhiteSpace(c))
        {
            _pos++;
            return true;
        }

        if (c == '/')
        {
            return SkipComment();
        }

        var frame = _stack[^1];
        var isObject = frame.Node.Kind == LenientKind.Object;
        switch (frame.State)
        {
            case Expect.Key:
                if (c is '}' or ']')
                {
                    Close();
                }
                else if (c == ',')
                {
                    _pos++;
                }
                else if (c is '"' or '\'' or '`')
                {
                    return StartString(c);
                }
                else if (c is '{' or '[')
                {
                    // A value without a property name: read and dropped, as the lenient reader does.
                    frame.Key = null;
                    frame.State = Expect.Value;
                    frame.Drop = true;
                }
                else
                {
                    _token = Token.Key;
                    _tokenStart = _pos;
                }

                return true;
            case Expect.Colon:
                if (c == ':')
                {
                    _pos++;
                    frame.State = Expect.Value;
                }
                else
                {
                    frame.State = Expect.After;
                }

                return true;
            case Expect.Value:
                if (c is '{' or '[')
                {
                    Open(c, frame);
                }
                else if (c is '"' or '\'' or '`')
                {
                    return StartString(c);
                }
                else if (!isObject && c == ',')
                {
                    _pos++;
                }
                else if (c is '}' or ']')
                {
                    Close();
                }
                else
                {
                    _token = Token.Scalar;
                    _tokenStart = _pos;
                }

                return true;
            default:
                if (c == ',')
                {
                    _pos++;
                    frame.State = isObject ? Expect.Key : Expect.Value;
                }
                else if (c is '}' or ']')
                {
                    Close();
                }
                else
                {
                    frame.State = isObject ? Expect.Key : Expect.Value;
                }

                return true;
        }
    }

    private bool SkipComment()
    {
        if (_pos + 1 >= _length)
        {
            return Wait();
        }

        var next = _text[_pos + 1];
        if (next is not ('/' or '*'))
        {
            // A lone slash starts an unquoted value or key.
            var frame = _stack[^1];
            _token = frame.State == Expect.Key ? Token.Key : Token.Scalar;
            _tokenStart = _pos;
            if (frame.State is Expect.Colon or Expect.After)
            {
                frame.State = frame.Node.Kind == LenientKind.Object ? Expect.Key : Expect.Value;
                _token = frame.State == Expect.Key ? Token.Key : Token.Scalar;
            }

            return true;
        }

        var rest = _text.AsSpan(_pos + 2, _length - _pos - 2);
        var end = next == '/' ? rest.IndexOf('\n') : rest.IndexOf("*/");
        if (end < 0)
        {
            return _ended ? Skip() : Wait();
        }

        _pos += 2 + end + (next == '/' ? 0 : 2);
        return true;
    }

    private static bool Wait() => false;

    private void Open(char opener, Frame? parent)
    {
        var node = opener == '{'
            ? new LenientNode(LenientKind.Object, _pos) { Members = [], CutOff = true }
            : new LenientNode(LenientKind.Array, _pos) { Items = [], CutOff = true };
        _pos++;
        if (parent is null)
        {
            Root = node;
        }
        else
        {
            Attach(parent, node);
        }

        if (_stack.Count >= MaxDepth)
        {
            // Too deep to be an answer: stop reading (the final parse reports the error with its position).
            _pos = _length;
            _ended = true;
            return;
        }

        _stack.Add(new Frame(node) { State = opener == '{' ? Expect.Key : Expect.Value });
    }

    private void Close()
    {
        _pos++;
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        frame.Node.CutOff = false;
        Completed++;
        if (_stack.Count > 0)
        {
            _stack[^1].State = Expect.After;
        }
    }

    /// <summary>Adds a value to the container of <paramref name="frame"/>: a member under its pending key, or the next item.</summary>
    private static void Attach(Frame frame, LenientNode value)
    {
        if (frame.Node.Kind == LenientKind.Array)
        {
            frame.Node.Items!.Add(value);
        }
        else if (!frame.Drop && frame.Key is { } key)
        {
            frame.Node.Members!.Add(new(key, value));
        }

        frame.Drop = false;
        frame.Key = null;
        frame.State = Expect.After;
    }

    private sealed class Frame(LenientNode node)
    {
        public LenientNode Node { get; } = node;

        public Expect State { get; set; }

        public string? Key { get; set; }

        public bool Drop { get; set; }
    }
}
