using System.Globalization;
using System.Runtime.CompilerServices;
using CsCheck;
using PromptGen.Generated;

namespace PromptGen.Tests.Generated;

/// <summary>
/// The one-allocation rendering generated templates use: the writer formats exactly like the interpolated-string
/// handler the generator used before (invariant culture, the placeholder's format, null as nothing), the measured
/// length matches what is written, and a value that changes between measuring and writing still yields the text of
/// the writing pass — never a truncated or padded string.
/// </summary>
public class TemplateTextTests
{
    private enum Budget
    {
        Low,
        High,
    }

    [Fact]
    public void Writer_formats_like_the_interpolated_string_handler()
    {
        var expected = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        string Render(Span<char> destination, out int length)
        {
            var writer = new TemplateWriter(destination);
            writer.AppendLiteral("[");
            writer.AppendFormatted(-42);
            writer.AppendFormatted(long.MinValue);
            writer.AppendFormatted(3.14159, "F2");
            writer.AppendFormatted(1234.5m, "N1");
            writer.AppendFormatted(Budget.High);
            writer.AppendFormatted(true);
            writer.AppendFormatted('x');
            writer.AppendFormatted(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero), "yyyy-MM-dd");
            writer.AppendFormatted(Guid.Empty);
            writer.AppendFormatted((string?)null);
            writer.AppendFormatted("text");
            writer.AppendFormatted(new Uri("https://example.com/a"));
            writer.AppendLiteral("]");
            length = writer.Length;
            return new string(destination[..Math.Min(length, destination.Length)]);
        }

        expected.AppendLiteral("[");
        expected.AppendFormatted(-42);
        expected.AppendFormatted(long.MinValue);
        expected.AppendFormatted(3.14159, "F2");
        expected.AppendFormatted(1234.5m, "N1");
        expected.AppendFormatted(Budget.High);
        expected.AppendFormatted(true);
        expected.AppendFormatted('x');
        expected.AppendFormatted(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero), "yyyy-MM-dd");
        expected.AppendFormatted(Guid.Empty);
        expected.AppendFormatted((string?)null);
        expected.AppendFormatted("text");
        expected.AppendFormatted(new Uri("https://example.com/a"));
        expected.AppendLiteral("]");
        var text = expected.ToStringAndClear();

        // Counting over an empty destination gives the exact length; writing into that length gives the text.
        Render([], out var measured);
        Assert.Equal(text.Length, measured);
        Assert.Equal(text, Render(new char[measured], out var written));
        Assert.Equal(measured, written);
    }

    [Fact]
    public void Length_of_a_value_is_what_the_writer_writes() =>
        Gen.Select(Gen.Int, Gen.Long, Gen.Double, Gen.Decimal).Sample((i, l, d, m) =>
        {
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture).Length, TemplateText.Length(i));
            Assert.Equal(l.ToString(CultureInfo.InvariantCulture).Length, TemplateText.Length(l));
            Assert.Equal(d.ToString("F3", CultureInfo.InvariantCulture).Length, TemplateText.Length(d, "F3"));
            Assert.Equal(m.ToString("C2", CultureInfo.InvariantCulture).Length, TemplateText.Length(m, "C2"));
            Assert.Equal(0, TemplateText.Length((string?)null));
        });

    [Fact]
    public void Exact_length_writes_straight_into_the_string() =>
        Assert.Equal("Hello Ada, 36", TemplateText.Create(13, ("Ada", 36), static (destination, state) =>
        {
            var text = new TemplateWriter(destination);
            text.AppendLiteral("Hello ");
            text.AppendFormatted(state.Item1);
            text.AppendLiteral(", ");
            text.AppendFormatted(state.Item2);
            return text.Length;
        }));

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(0)]
    public void Value_that_changed_since_it_was_measured_still_renders_whole(int measured)
    {
        // The measured length is wrong (a getter returned something else when measured): shorter, longer or nothing.
        var text = TemplateText.Create(measured, "a value that is longer than it was", static (destination, value) =>
        {
            var writer = new TemplateWriter(destination);
            writer.AppendLiteral("<");
            writer.AppendFormatted(value);
            writer.AppendLiteral(">");
            return writer.Length;
        });
        Assert.Equal("<a value that is longer than it was>", text);
    }

    [Fact]
    public void Values_that_change_on_every_read_fail_with_the_fix()
    {
        var reads = new Counter();
        var error = Assert.Throws<InvalidOperationException>(() => TemplateText.Create(1, reads, static (destination, counter) =>
        {
            var writer = new TemplateWriter(destination);
            writer.AppendFormatted(new string('x', counter.Next() * 10));
            return writer.Length;
        }));
        Assert.Contains("returns a different value every time it is read", error.Message, StringComparison.Ordinal);
    }

    private sealed class Counter
    {
        private int _value;

        public int Next() => ++_value;
    }
}
