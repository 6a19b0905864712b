using System.Linq;
using System.Text;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// Writes a <see cref="JsonSchemaNode"/> as compact JSON Schema in OpenAI's strict form: every property required,
/// <c>additionalProperties: false</c>, nullable as <c>["type","null"]</c>.
/// </summary>
internal static class JsonSchemaWriter
{
    /// <param name="node">The shape.</param>
    /// <param name="namingPolicy">The serializer context's <c>JsonKnownNamingPolicy</c> name, or <see langword="null"/>.</param>
    /// <param name="stringEnums">Whether the context writes every enum as a string.</param>
    public static string Write(JsonSchemaNode node, string? namingPolicy, bool stringEnums)
    {
        var builder = new StringBuilder();
        Write(builder, node, namingPolicy, stringEnums);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonSchemaNode node, string? policy, bool stringEnums)
    {
        switch (node.Kind)
        {
            case JsonKind.Any:
                builder.Append("{}");
                return;
            case JsonKind.Enum:
                var asString = node.StringEnum || stringEnums;
                builder.Append("{\"type\":");
                Type(builder, asString ? "string" : "integer", node.Nullable);
                builder.Append(",\"enum\":[");
                builder.Append(string.Join(",", asString ? node.EnumNames.Select(Quote) : node.EnumValues.AsEnumerable()));
                builder.Append(node.Nullable ? ",null" : string.Empty);
                builder.Append("]}");
                return;
            case JsonKind.Array:
                Container(builder, node, "array", "items", policy, stringEnums);
                return;
            case JsonKind.Dictionary:
                Container(builder, node, "object", "additionalProperties", policy, stringEnums);
                return;
            case JsonKind.Object:
                builder.Append("{\"type\":");
                Type(builder, "object", node.Nullable);
                builder.Append(",\"properties\":{");
                var names = node.Properties.Select(p => p.JsonName ?? JsonNaming.Apply(policy, p.ClrName)).ToArray();
                for (var i = 0; i < names.Length; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",").Append(Quote(names[i])).Append(':');
                    Write(builder, node.Properties[i].Schema, policy, stringEnums);
                }

                builder.Append("},\"required\":[").Append(string.Join(",", names.Select(Quote))).Append("],\"additionalProperties\":false}");
                return;
            default:
                builder.Append("{\"type\":");
                Type(builder, node.Kind.ToString().ToLowerInvariant(), node.Nullable);
                builder.Append('}');
                return;
        }
    }

    private static void Type(StringBuilder builder, string type, bool nullable) =>
        builder.Append(nullable ? "[\"" + type + "\",\"null\"]" : "\"" + type + "\"");

    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An array (<c>items</c>) or a dictionary (<c>additionalProperties</c>): a type plus the schema of its values.</summary>
    private static void Container(StringBuilder builder, JsonSchemaNode node, string type, string itemsKey, string? policy, bool stringEnums)
    {
        builder.Append("{\"type\":");
        Type(builder, type, node.Nullable);
        builder.Append(",\"").Append(itemsKey).Append("\":");
        Write(builder, node.Items ?? JsonSchemaNode.Simple(JsonKind.Any, false), policy, stringEnums);
        builder.Append('}');
    }
}
