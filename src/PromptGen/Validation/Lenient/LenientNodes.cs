using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromptGen.Validation.Lenient;

/// <summary>Conversions between <see cref="JsonElement"/>, <see cref="LenientNode"/> and <see cref="JsonNode"/>.</summary>
internal static class LenientNodes
{
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

    /// <summary>A node as a detached <see cref="JsonElement"/>.</summary>
    public static JsonElement ToElement(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
