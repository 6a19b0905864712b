using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PromptGen.Generated;

/// <summary>
/// Writes a rendered template straight into the string that will hold it (see <see cref="TemplateText.Create{TState}"/>).
/// It mirrors <see cref="DefaultInterpolatedStringHandler"/>'s appends (values formatted with the invariant culture and
/// the placeholder's format, <see langword="null"/> as nothing) but never grows: it counts every character the template
/// needs in <see cref="Length"/> and copies only what fits, so a caller can tell a pass that filled the destination
/// exactly from one that needed more or less.
/// </summary>
/// <remarks>Generated code uses it; every method is small enough to be inlined, so the writer stays in registers.</remarks>
public ref struct TemplateWriter
{
    private readonly Span<char> _destination;
    private int _length;

    /// <summary>Initializes a writer over <paramref name="destination"/>.</summary>
    /// <param name="destination">Where the text goes (an empty span only counts).</param>
    public TemplateWriter(Span<char> destination) => _destination = destination;

    /// <summary>Gets the number of characters appended so far, including any that did not fit the destination.</summary>
    public readonly int Length => _length;

    /// <summary>Appends literal text of the template.</summary>
    /// <param name="value">The text.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendLiteral(string value)
    {
        var start = _length;
        _length = checked(start + value.Length);
        if ((uint)_length <= (uint)_destination.Length)
        {
            // In bounds (checked just above): copy without a second range check; the copy is unrolled for short literals.
            Unsafe.CopyBlockUnaligned(
                ref Unsafe.As<char, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_destination), start)),
                ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(value.AsSpan())),
                (uint)value.Length * sizeof(char));
        }
    }

    /// <summary>Appends a text value; <see langword="null"/> appends nothing.</summary>
    /// <param name="value">The text.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(string? value)
    {
        if (value is not null)
        {
            AppendLiteral(value);
        }
    }

    /// <summary>Appends a value formatted with the invariant culture; <see langword="null"/> appends nothing.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    /// <summary>Appends a value formatted with the invariant culture and <paramref name="format"/>; <see langword="null"/> appends nothing.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="format">The format string, as in <c>{total:C2}</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value, string? format)
    {
        if (value is ISpanFormattable)
        {
            // Formatted in place (no boxing, no string) when it fits; otherwise only counted.
            var start = _length;
            if ((uint)start <= (uint)_destination.Length
                && ((ISpanFormattable)value).TryFormat(_destination.Slice(start), out var written, format, CultureInfo.InvariantCulture))
            {
                _length = start + written;
            }
            else
            {
                _length = checked(start + TemplateText.Length(value, format));
            }

            return;
        }

        AppendFormatted(value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString());
    }
}
