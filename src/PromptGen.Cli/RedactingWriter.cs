using System.Text;

namespace PromptGen.Cli;

/// <summary>
/// Standard output or error behind the one <see cref="SecretRedactor"/>: text is redacted line by line; a flush (a
/// streamed answer) passes on all but an ending that could be the start of a secret, which waits for the next write.
/// </summary>
internal sealed class RedactingWriter(TextWriter inner, SecretRedactor redactor) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                Emit(_pending.Length);
            }
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_gate)
        {
            _pending.Append(value);
            var end = value.LastIndexOf('\n');
            if (end >= 0)
            {
                Emit(_pending.Length - (value.Length - end - 1));
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        EmitSafe();
        inner.Flush();
    }

    public override Task FlushAsync() => FlushAsync(CancellationToken.None);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        EmitSafe();
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Passes everything on, including a held-back ending: nothing more will follow.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            Emit(_pending.Length);
        }

        inner.Flush();
    }

    public override string ToString() => inner.ToString() ?? string.Empty;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Complete();
        }

        base.Dispose(disposing);
    }

    private void EmitSafe()
    {
        lock (_gate)
        {
            Emit(redactor.SafeLength(_pending.ToString()));
        }
    }

    private void Emit(int length)
    {
        if (length <= 0)
        {
            return;
        }

        var text = _pending.ToString(0, length);
        _pending.Remove(0, length);
        inner.Write(redactor.Redact(text));
    }
}
