using System.Globalization;

namespace PromptGen.Generated;

/// <summary>
/// Builds the text of a generated template in one allocation: the generated code measures the exact length first (literal
/// lengths are constants, text values are their <see cref="string.Length"/>, other values <see cref="Length{T}(T, string?)"/>),
/// then <see cref="Create{TState}"/> writes the text straight into a string of that length — no buffer, no copy.
/// </summary>
public static class TemplateText
{
    /// <summary>How many times the text is written again when its values keep changing between measuring and writing.</summary>
    private const int MaxPasses = 4;

    /// <summary>
    /// Creates a string of <paramref name="length"/> characters and writes it with <paramref name="write"/>. When the values
    /// change between measuring and writing (a property that returns something new on each read), the text of the writing
    /// pass is still returned whole: shorter, as its prefix; longer, written again at the length it needed.
    /// </summary>
    /// <typeparam name="TState">The values the template reads.</typeparam>
    /// <param name="length">The measured length.</param>
    /// <param name="state">The values, handed to <paramref name="write"/>.</param>
    /// <param name="write">Writes the text (generated; a static lambda).</param>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">The values changed length on every pass.</exception>
    public static string Create<TState>(int length, TState state, TemplateWrite<TState> write)
        where TState : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(write);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            if (length <= 0)
            {
                // Nothing measured: one counting pass says whether there is anything to write after all.
                length = write([], state);
                if (length <= 0)
                {
                    return string.Empty;
                }

                continue;
            }

            var written = 0;
            var text = string.Create(length, new Pass<TState>(state, write, ref written), static (destination, pass) => pass.Written = pass.Write(destination, pass.State));
            if (written == length)
            {
                return text;
            }

            if (written < length)
            {
                // Everything fitted: the text is the part that was written.
                return text.Substring(0, written);
            }

            length = written;
        }

        throw new InvalidOperationException(
            $"A template's values changed length on each of {MaxPasses} passes, so its text could not be written. A member the template reads returns a different value every time it is read; read it once into a parameter and pass that.");
    }

    /// <summary>The number of characters <see cref="TemplateWriter.AppendFormatted{T}(T, string?)"/> writes for <paramref name="value"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The length; 0 for <see langword="null"/>.</returns>
    public static int Length<T>(T value) => Length(value, null);

    /// <summary>The number of characters <see cref="TemplateWriter.AppendFormatted{T}(T, string?)"/> writes for <paramref name="value"/> with <paramref name="format"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="format">The format string.</param>
    /// <returns>The length; 0 for <see langword="null"/>.</returns>
    public static int Length<T>(T value, string? format)
    {
        if (typeof(T) == typeof(int) && format is null)
        {
            return Digits((int)(object)value!);
        }

        if (typeof(T) == typeof(long) && format is null)
        {
            return Digits((long)(object)value!);
        }

        if (value is ISpanFormattable)
        {
            Span<char> scratch = stackalloc char[64];
            if (((ISpanFormattable)value).TryFormat(scratch, out var written, format, CultureInfo.InvariantCulture))
            {
                return written;
            }
        }

        return (value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString())?.Length ?? 0;
    }

    /// <summary>The invariant length of an integer: its digits, and the minus sign.</summary>
    private static int Digits(long value)
    {
        if (value < 0)
        {
            return value == long.MinValue ? 20 : 1 + Digits(-value);
        }

        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    /// <summary>The state handed through <see cref="string.Create{TState}(int, TState, System.Buffers.SpanAction{char, TState})"/>: the values, the writer and where to report the length written.</summary>
    private readonly ref struct Pass<TState>
        where TState : allows ref struct
    {
        public Pass(TState state, TemplateWrite<TState> write, ref int written)
        {
            State = state;
            Write = write;
            Written = ref written;
        }

        public readonly TState State;

        public readonly TemplateWrite<TState> Write;

        public readonly ref int Written;
    }
}
