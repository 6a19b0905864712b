using System.Buffers;
using System.Text.Json;
using System.Globalization;

namespace PromptGen.Validation.Lenient;

/// <summary>Conversions between <see cref="JsonElement"/> and <see cref="LenientNode"/>, and structural equality of lenient values.</summary>
internal static class LenientNodes
{
    private const int MaxKeptBuffer = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>A valid JSON value as a lenient node, every offset <paramref name="offset"/> (the value's start).</summary>
    public static LenientNode FromElement(JsonElement element, int offset)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<KeyValuePair<string, LenientNode>>();
                foreach (var property in element.EnumerateObject())
                {
                    members.Add(new(property.Name, FromElement(property.Value, offset)));
                }

                return new LenientNode(LenientKind.Object, offset) { Members = members };
            case JsonValueKind.Array:
                var items = new List<LenientNode>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(FromElement(item, offset));
                }

                return new LenientNode(LenientKind.Array, offset) { Items = items };
            case JsonValueKind.String:
                return new LenientNode(LenientKind.String, offset, element.GetString());
            case JsonValueKind.Number:
                return new LenientNode(LenientKind.Number, offset, element.GetRawText());
            case JsonValueKind.True:
                return new LenientNode(LenientKind.True, offset);
            case JsonValueKind.False:
                return new LenientNode(LenientKind.False, offset);
            default:
                return new LenientNode(LenientKind.Null, offset);
        }
    }

    /// <summary>A value as a detached <see cref="JsonElement"/> (unquoted text written as a string).</summary>
    public static JsonElement ToElement(LenientNode node)
    {
        // The buffer and writer are kept per thread (reset, not reallocated); a buffer grown by a large answer is let go.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            Write(node, writer);
            writer.Flush();
            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            return document.RootElement.Clone();
        }
        finally
        {
            if (buffer.Capacity > MaxKeptBuffer)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }

    /// <summary>Sets a member, replacing one of the same name.</summary>
    public static void Set(List<KeyValuePair<string, LenientNode>> members, string name, LenientNode value)
    {
        var index = IndexOf(members, name);
        if (index >= 0)
        {
            members[index] = new(name, value);
        }
        else
        {
            members.Add(new(name, value));
        }
    }

    public static bool Has(List<KeyValuePair<string, LenientNode>> members, string name) => IndexOf(members, name) >= 0;

    /// <summary>The index of the member named <paramref name="name"/>, or -1 (a loop: no closure per look-up).</summary>
    private static int IndexOf(List<KeyValuePair<string, LenientNode>> members, string name)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (string.Equals(members[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether two values are the same JSON (members in any order, numbers by value).</summary>
    public static bool DeepEquals(LenientNode? a, LenientNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        var kindA = a.Kind == LenientKind.Bare ? LenientKind.String : a.Kind;
        var kindB = b.Kind == LenientKind.Bare ? LenientKind.String : b.Kind;
        if (kindA != kindB)
        {
            return false;
        }

        switch (kindA)
        {
            case LenientKind.String:
                return a.Text == b.Text;
            case LenientKind.Number:
                return a.Text == b.Text || (decimal.TryParse(a.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x == y);
            case LenientKind.Array:
                return a.Items!.Count == b.Items!.Count && a.Items.Zip(b.Items).All(p => DeepEquals(p.First, p.Second));
            case LenientKind.Object:
                return a.Members!.Count == b.Members!.Count && a.Members.TrueForAll(m => b.Members.Exists(o => o.Key == m.Key && DeepEquals(m.Value, o.Value)));
            default:
                return true;
        }
    }

    /// <summary>Writes a value as JSON (unquoted text as a string).</summary>
    public static void Write(LenientNode node, Utf8JsonWriter writer)
    {
        switch (node.Kind)
        {
            case LenientKind.Object:
                writer.WriteStartObject();
                foreach (var (key, value) in node.Members!)
                {
                    writer.WritePropertyName(key);
                    Write(value, writer);
                }

                writer.WriteEndObject();
                break;
            case LenientKind.Array:
                writer.WriteStartArray();
                foreach (var item in node.Items!)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case LenientKind.Number:
                writer.WriteRawValue(node.Text!, skipInputValidation: true);
                break;
            case LenientKind.True:
                writer.WriteBooleanValue(true);
                break;
            case LenientKind.False:
                writer.WriteBooleanValue(false);
                break;
            case LenientKind.Null:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(node.Text);
                break;
        }
    }
}
