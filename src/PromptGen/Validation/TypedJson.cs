using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PromptGen.Validation.Lenient;

namespace PromptGen.Validation;

/// <summary>
/// Checks a JSON value against the generated <see cref="JsonTypeInfo"/> of a result type before deserializing, so every
/// missing required member, null in a non-nullable member and wrong JSON kind is reported at once with its path.
/// Required members and constructor parameters without defaults are enforced whatever the context's options say;
/// nullability follows what the metadata reports (see docs/validation.md).
/// </summary>
internal static class TypedJson
{
    private const int MaxDepth = 32;
    private const int MaxErrors = 20;

    public static List<string> Check(JsonElement value, JsonTypeInfo typeInfo)
    {
        var errors = new List<string>();
        Check(value, typeInfo, "$", errors, 0);
        return errors;
    }

    public static (T? Value, string? Error) Deserialize<T>(JsonElement value, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            var result = value.Deserialize(typeInfo);
            return result is null ? (default, $"The answer is JSON null; a {typeof(T).Name} {Kind(typeInfo)} is required.") : (result, null);
        }
        catch (JsonException exception)
        {
            return (default, $"The JSON does not fit {typeof(T).Name} at {exception.Path ?? "$"}: {WithoutTypeNames(exception.Message.Split(" Path:", 2)[0])}");
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            return (default, $"The JSON does not fit {typeof(T).Name}: {exception.Message}");
        }
    }

    private static void Check(JsonElement value, JsonTypeInfo info, JsonPathPart path, List<string> errors, int depth)
    {
        if (depth > MaxDepth || errors.Count >= MaxErrors || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{path} must be a JSON object ({info.Type.Name}), not {Describe(value.ValueKind)}.");
                    return;
                }

                CheckObject(value, info, path.ToString(), errors, depth);
                break;
            case JsonTypeInfoKind.Enumerable:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{path} must be a JSON array, not {Describe(value.ValueKind)}.");
                    return;
                }

                if (info.ElementType is { } elementType && TryInfo(info.Options, elementType) is { } element)
                {
                    var parent = path.ToString();
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        var itemPath = JsonPathPart.Element(parent, i++);
                        CheckNull(item, element.Type, nullable: true, itemPath, errors, info.Options);
                        Check(item, element, itemPath, errors, depth + 1);
                    }
                }

                break;
            case JsonTypeInfoKind.Dictionary:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{path} must be a JSON object (a dictionary), not {Describe(value.ValueKind)}.");
                }

                break;
            default:
                CheckScalar(value, info, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonElement value, JsonTypeInfo info, string path, List<string> errors, int depth)
    {
        var comparison = info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var property in info.Properties)
        {
            var child = JsonPathPart.Member(path, property.Name);
            var found = Find(value, property.Name, comparison, out var member);
            var parameter = property.AssociatedParameter;
            var required = property.IsRequired || parameter is { HasDefaultValue: false, IsMemberInitializer: false };
            if (!found)
            {
                if (required)
                {
                    errors.Add($"{child} is required but missing; add \"{property.Name}\" ({Describe(property.PropertyType, info.Options)}).");
                }

                continue;
            }

            var nullable = parameter?.IsNullable ?? property.IsSetNullable;
            if (CheckNull(member, property.PropertyType, nullable, child, errors, info.Options) && TryInfo(info.Options, property.PropertyType) is { } nested)
            {
                Check(member, nested, child, errors, depth + 1);
            }
        }
    }

    /// <summary>Reports a null in a non-nullable member; returns whether the value should be checked further.</summary>
    private static bool CheckNull(JsonElement value, Type type, bool nullable, JsonPathPart path, List<string> errors, JsonSerializerOptions options)
    {
        if (value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (!nullable || (type.IsValueType && Nullable.GetUnderlyingType(type) is null))
        {
            errors.Add($"{path} must not be null; give it {Describe(type, options)}.");
        }

        return false;
    }

    private static void CheckScalar(JsonElement value, JsonTypeInfo info, JsonPathPart path, List<string> errors)
    {
        var target = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (target.IsEnum && EnumNames(info.Options, target) is { Count: > 0 } names)
        {
            // An enum answer is checked against the names it is written with, so the repair lists them (never the .NET type).
            var written = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            if (!names.Contains(written!, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{path} is {Describe(value)}, which is not allowed; use {Describe(target, info.Options)}.");
            }

            return;
        }

        var expected = target == typeof(string) || target == typeof(DateTimeOffset) || target == typeof(DateTime) || target == typeof(Guid) ? JsonValueKind.String
            : target == typeof(bool) ? JsonValueKind.True
            : target.IsPrimitive || target == typeof(decimal) ? JsonValueKind.Number
            : JsonValueKind.Undefined;
        var ok = expected switch
        {
            JsonValueKind.Undefined => true,
            JsonValueKind.True => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => value.ValueKind == expected,
        };
        if (!ok)
        {
            errors.Add($"{path} must be {Describe(target, info.Options)}, not {Describe(value.ValueKind)}.");
        }
    }

    private static bool Find(JsonElement value, string name, StringComparison comparison, out JsonElement member)
    {
        if (comparison == StringComparison.Ordinal)
        {
            return value.TryGetProperty(name, out member);
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.Equals(name, comparison))
            {
                member = property.Value;
                return true;
            }
        }

        member = default;
        return false;
    }

    private static JsonTypeInfo? TryInfo(JsonSerializerOptions options, Type type)
    {
        try
        {
            return options.TryGetTypeInfo(type, out var info) ? info : null;
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Kind(JsonTypeInfo info) => info.Kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "object",
        JsonTypeInfoKind.Enumerable => "array",
        _ => "value",
    };

    /// <summary>
    /// The JSON names of an enum's values as its converter writes them (a string enum's names after any naming policy or
    /// JsonStringEnumMemberName; a numeric enum's numbers), or <see langword="null"/> when they cannot be had.
    /// </summary>
    private static List<string>? EnumNames(JsonSerializerOptions options, Type enumType)
    {
        if (TryInfo(options, enumType) is not { } info)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var raw in Enum.GetValuesAsUnderlyingType(enumType))
        {
            var element = JsonSerializer.SerializeToElement(Enum.ToObject(enumType, raw!), info);
            var name = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>A JSON value as a repair message quotes it: a string in quotes, anything else as written, cut at 60 characters.</summary>
    private static string Describe(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? "\"" + value.GetString() + "\"" : value.GetRawText();
        return text.Length > 60 ? text[..57] + "…" : text;
    }

    /// <summary>System.Text.Json's "could not be converted to Namespace.Type" names a .NET type the model cannot know.</summary>
    private static string WithoutTypeNames(string message)
    {
        var at = message.IndexOf("could not be converted to ", StringComparison.Ordinal);
        return at < 0 ? message : message[..at] + "does not have the expected type here.";
    }

    private static string Describe(Type type, JsonSerializerOptions options)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsEnum && EnumNames(options, target) is { Count: > 0 } names)
        {
            return "one of: " + string.Join(", ", names);
        }

        return target == typeof(string) ? "a string"
            : target == typeof(bool) ? "true or false"
            : target.IsPrimitive || target == typeof(decimal) ? "a number"
            : target.IsArray || (target != typeof(string) && target.IsAssignableTo(typeof(System.Collections.IEnumerable))) ? "an array"
            : $"a {target.Name} object";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
