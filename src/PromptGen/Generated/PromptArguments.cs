using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PromptGen.Generated;

/// <summary>
/// Binds JSON arguments (a suite case's <c>arguments</c>) to a generated method's parameter types without reflection:
/// text, numbers, booleans, dates, enums by name, lists of text, images by path or URL, and any type with generated
/// serialization metadata. A value that does not fit throws <see cref="FormatException"/> saying what was expected.
/// </summary>
public static class PromptArguments
{
    /// <summary>Binds one argument.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="value">The JSON argument.</param>
    /// <param name="context">Where image paths are resolved.</param>
    /// <param name="typeInfo">The parameter type's generated metadata, when a JsonSerializerContext declares it.</param>
    /// <param name="nullable">Whether the parameter accepts <see langword="null"/> (its type is annotated <c>?</c>).</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value does not fit the parameter type.</exception>
    public static T? Bind<T>(JsonElement value, PromptArgumentContext context, JsonTypeInfo<T>? typeInfo, bool nullable)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = typeof(T);
        var underlying = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return nullable || underlying is not null ? default : throw Expected(Name(type) + " (the parameter is not nullable)", value);
        }

        try
        {
            return (T?)BindCore(underlying ?? type, value, context) ?? (typeInfo is not null
                ? value.Deserialize(typeInfo)
                : throw new FormatException($"{Name(type)} cannot be given in a suite: declare it in a JsonSerializerContext ([JsonSerializable(typeof({Name(type)}))]) so PromptGen can read it without reflection"));
        }
        catch (JsonException exception)
        {
            throw new FormatException($"expected {Name(type)}: {exception.Message.Split(" Path:", 2)[0]}", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw Expected(Name(type), value, exception);
        }
    }

    private static object? BindCore(Type type, JsonElement value, PromptArgumentContext context)
    {
        if (type == typeof(string))
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Expected("text (a JSON string)", value);
        }

        if (type == typeof(bool))
        {
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Expected("true or false", value);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return value.ValueKind != JsonValueKind.Number ? throw Expected($"a number ({Name(type)})", value)
                : type == typeof(int) ? value.TryGetInt32(out var i) ? i : throw Expected("a whole number (int)", value)
                : type == typeof(long) ? value.TryGetInt64(out var l) ? l : throw Expected("a whole number (long)", value)
                : type == typeof(short) ? value.TryGetInt16(out var s) ? s : throw Expected("a whole number (short)", value)
                : type == typeof(byte) ? value.TryGetByte(out var b) ? b : throw Expected("a whole number (byte)", value)
                : type == typeof(double) ? value.GetDouble()
                : type == typeof(float) ? value.GetSingle()
                : value.GetDecimal();
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly))
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Expected("an ISO 8601 date (a JSON string)", value);
            return type == typeof(DateOnly) ? DateOnly.Parse(text, CultureInfo.InvariantCulture)
                : type == typeof(DateTime) ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            return value.ValueKind == JsonValueKind.String && names.FirstOrDefault(n => string.Equals(n, value.GetString(), StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse(type, name)
                : throw Expected($"one of {string.Join(", ", names)}", value);
        }

        if (type == typeof(PromptImage))
        {
            return Image(value, context);
        }

        if (type == typeof(string[]) || type.IsAssignableFrom(typeof(List<string>)))
        {
            var items = Items(value, "a list of text").Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Expected("a list of text (JSON strings)", e)).ToList();
            return type == typeof(string[]) ? items.ToArray() : items;
        }

        if (type == typeof(PromptImage[]) || type.IsAssignableFrom(typeof(List<PromptImage>)))
        {
            var images = Items(value, "a list of images").Select(e => Image(e, context)).ToList();
            return type == typeof(PromptImage[]) ? images.ToArray() : images;
        }

        return null;
    }

    private static PromptImage Image(JsonElement value, PromptArgumentContext context)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Expected("an image: a file path (relative to the suite) or an http(s) URL", value);
        return text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? PromptImage.FromUrl(text)
            : PromptImage.FromFile(Path.GetFullPath(text, context.BaseDirectory));
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Expected(what + " (a JSON array)", value);

    private static FormatException Expected(string what, JsonElement value, Exception? inner = null) =>
        new($"expected {what}, not {Describe(value)}", inner);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Name(Type type) => type == typeof(string) ? "string" : type.Name;
}
