using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Emit;
using PromptGen.Generators.Parsing;

namespace PromptGen.Generators.Models;

/// <summary>Whether an example's values fit the parameter and result types, as the runner's binder and checks read them.</summary>
internal static partial class ClientResolver
{
    /// <summary>Types the runner binds without a JsonSerializerContext (PromptArguments.Bind).</summary>
    private static readonly string[] s_boundWithoutContext =
    {
        "string", "bool", "int", "long", "short", "byte", "double", "float", "decimal",
        "global::System.DateTime", "global::System.DateTimeOffset", "global::System.DateOnly",
        "string[]", "global::System.Collections.Generic.List<string>", "global::System.Collections.Generic.IList<string>",
        "global::System.Collections.Generic.IReadOnlyList<string>", "global::System.Collections.Generic.IEnumerable<string>",
        "global::System.Collections.Generic.ICollection<string>", "global::System.Collections.Generic.IReadOnlyCollection<string>",
    };

    private static readonly char[] s_fraction = { '.', 'e', 'E' };

    private static (JsonValueNode At, string Message)? ArgumentProblem(ParameterModel parameter, JsonSchemaNode schema, JsonValueNode value, JsonContextModel? context)
    {
        if (value.Type == JsonValueType.Null)
        {
            // As the runner binds: null only for a parameter declared nullable (T? or Nullable<T>).
            return parameter.TypeDisplay.EndsWith("?", StringComparison.Ordinal) ? null : (value, "the parameter is not nullable; declare it with '?' to allow null");
        }

        switch (parameter.Kind)
        {
            case ValueKind.Image:
                return value.Type == JsonValueType.String ? null : (value, "expected an image: a file path (relative to the C# file) or an http(s) URL, in a string");
            case ValueKind.Images:
                return value.Type != JsonValueType.Array ? (value, "expected a list of images: an array of file paths or URLs")
                    : value.Items.FirstOrDefault(i => i.Type != JsonValueType.String) is { } item ? (item, "expected an image: a file path or an http(s) URL, in a string")
                    : null;
            case ValueKind.History:
                return (value, "a conversation history cannot be given in an example; test the method with a suite case or leave it out");
        }

        var type = parameter.TypeDisplay.TrimEnd('?');
        if (schema.Kind != JsonKind.Enum && context is null && Array.IndexOf(s_boundWithoutContext, type) < 0)
        {
            return (value, $"PromptGen reads {WithoutGlobal(type)} only through a JsonSerializerContext; declare [JsonSerializable(typeof({WithoutGlobal(type)}))] on one");
        }

        if (schema.Kind == JsonKind.Enum)
        {
            return value.Type == JsonValueType.String && schema.EnumNames.Any(n => string.Equals(n, value.Text, StringComparison.OrdinalIgnoreCase))
                ? null
                : (value, "expected one of " + string.Join(", ", schema.EnumNames) + " (the member name, in a string)");
        }

        return ValueProblem(schema, value, context?.NamingPolicy, topLevel: true);
    }

    /// <summary>Whether a JSON value fits a JSON shape (members by their JSON names, as the serializer reads them).</summary>
    private static (JsonValueNode At, string Message)? ValueProblem(JsonSchemaNode schema, JsonValueNode value, string? policy, bool topLevel)
    {
        if (value.Type == JsonValueType.Null)
        {
            return schema.Nullable || schema.Kind == JsonKind.Any || !topLevel ? null : (value, "the value is not nullable");
        }

        switch (schema.Kind)
        {
            case JsonKind.Any:
                return null;
            case JsonKind.String:
                return value.Type == JsonValueType.String ? null : (value, "expected text (a JSON string)");
            case JsonKind.Boolean:
                return value.Type is JsonValueType.True or JsonValueType.False ? null : (value, "expected true or false");
            case JsonKind.Integer:
                return value.Type == JsonValueType.Number && value.Text.IndexOfAny(s_fraction) < 0 ? null : (value, "expected a whole number");
            case JsonKind.Number:
                return value.Type == JsonValueType.Number ? null : (value, "expected a number");
            case JsonKind.Enum:
                return value.Type is JsonValueType.String or JsonValueType.Number ? null : (value, "expected one of " + string.Join(", ", schema.EnumNames));
            case JsonKind.Array:
                if (value.Type != JsonValueType.Array)
                {
                    return (value, "expected a list (a JSON array)");
                }

                foreach (var item in value.Items)
                {
                    if (schema.Items is { } items && ValueProblem(items, item, policy, topLevel: false) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonKind.Dictionary:
                return value.Type == JsonValueType.Object ? null : (value, "expected an object (a dictionary)");
            default:
                if (value.Type != JsonValueType.Object)
                {
                    return (value, "expected an object with members " + string.Join(", ", schema.Properties.Select(p => JsonName(p, policy))));
                }

                foreach (var member in value.Members)
                {
                    var property = schema.Properties.FirstOrDefault(p => JsonName(p, policy) == member.Name);
                    if (property is null)
                    {
                        var names = schema.Properties.Select(p => JsonName(p, policy)).ToList();
                        var stand = new JsonValueNode(JsonValueType.String, member.Start) { Length = member.Length, Text = member.Name };
                        return (stand, $"the type has no member \"{member.Name}\"{Nearest(member.Name, names)}; the serializer would ignore it. Its members are {string.Join(", ", names)}");
                    }

                    if (ValueProblem(property.Schema, member.Value, policy, topLevel: false) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
        }
    }

    private static string JsonName(JsonPropertyNode property, string? policy) => property.JsonName ?? JsonNaming.Apply(policy, property.ClrName);

    /// <summary>The result member at a dotted path (JSON names, any case, as the runner reads them), or why there is none.</summary>
    private static JsonSchemaNode? WalkPath(MethodDeclaration method, string path, string? policy, out string? problem)
    {
        problem = null;
        var text = method.ReturnKind is ReturnKind.Text or ReturnKind.TextResult || method.Schema is null;
        if (path.Length == 0)
        {
            return text ? JsonSchemaNode.Simple(JsonKind.String, nullable: false) : method.Schema;
        }

        if (text)
        {
            problem = "the method returns text, which has no members; leave \"path\" out to check the whole text";
            return null;
        }

        var node = method.Schema!;
        var walked = new List<string>();
        foreach (var segment in path.Split('.'))
        {
            var at = walked.Count == 0 ? WithoutGlobal(method.ResultType ?? "the result") : string.Join(".", walked);
            if (node.Kind != JsonKind.Object)
            {
                problem = $"{at} is {Describe(node)}, which has no member '{segment}'";
                return null;
            }

            var names = node.Properties.Select(p => JsonName(p, policy)).ToList();
            var property = node.Properties.FirstOrDefault(p => string.Equals(JsonName(p, policy), segment, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                problem = $"{at} has no member '{segment}'{Nearest(segment, names)}; its members are {string.Join(", ", names)}";
                return null;
            }

            walked.Add(JsonName(property, policy));
            node = property.Schema;
        }

        return node;
    }

    /// <summary>Whether an operator and its value can ever hold on a member of this shape (the runner's checks).</summary>
    private static string? OperatorProblem(string op, JsonSchemaNode? member, JsonValueNode value)
    {
        if (member is null || member.Kind == JsonKind.Any)
        {
            return null;
        }

        switch (op)
        {
            case "atLeast":
            case "atMost":
                return member.Kind is not (JsonKind.Integer or JsonKind.Number) ? $"{op} compares numbers and the member is {Describe(member)}"
                    : value.Type != JsonValueType.Number ? $"{op} needs a number, not {value.Describe()}"
                    : null;
            case "contains":
                return member.Kind == JsonKind.String ? (value.Type == JsonValueType.String ? null : $"the member is text; contains needs text, not {value.Describe()}")
                    : member.Kind == JsonKind.Array ? null
                    : $"contains looks inside text or a list, and the member is {Describe(member)}";
            default:
                if (value.Type == JsonValueType.Null)
                {
                    return member.Nullable ? null : "the member is never null";
                }

                var fits = member.Kind switch
                {
                    JsonKind.String => value.Type == JsonValueType.String,
                    JsonKind.Integer or JsonKind.Number => value.Type == JsonValueType.Number,
                    JsonKind.Boolean => value.Type is JsonValueType.True or JsonValueType.False,
                    JsonKind.Enum => value.Type is JsonValueType.String or JsonValueType.Number,
                    JsonKind.Array => value.Type == JsonValueType.Array,
                    _ => value.Type == JsonValueType.Object,
                };
                return fits ? null : $"the member is {Describe(member)} and {value.Describe()} never equals it";
        }
    }

    private static string Describe(JsonSchemaNode node) => node.Kind switch
    {
        JsonKind.String => "text",
        JsonKind.Integer => "a whole number",
        JsonKind.Number => "a number",
        JsonKind.Boolean => "true or false",
        JsonKind.Enum => "an enum (" + string.Join(", ", node.EnumNames) + ")",
        JsonKind.Array => "a list",
        JsonKind.Dictionary => "a dictionary",
        JsonKind.Any => "any JSON",
        _ => "an object",
    };

}
