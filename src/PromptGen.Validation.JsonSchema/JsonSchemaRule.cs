using System.Text;
using System.Text.Json;
using NJsonSchema.Validation;
using Schema = NJsonSchema.JsonSchema;

namespace PromptGen.Validation;

/// <summary>
/// The JSON of the answer must satisfy a user JSON Schema (<see cref="MatchesSchemaAttribute"/>, llm_call <c>json_schema</c>),
/// for string and <see cref="JsonElement"/> results. Every violation is reported with its path. Structural stage.
/// </summary>
public sealed class JsonSchemaRule : ResponseRule
{
    /// <summary>The llm_call rule type this package adds (<c>{"type":"json_schema","params":{"schema":{…}}}</c> or <c>{"schema_path":"…"}</c>).</summary>
    public const string LlmCallType = "json_schema";

    private const int MaxErrors = 20;

    /// <summary>Initializes the rule.</summary>
    /// <param name="schema">The schema.</param>
    public JsonSchemaRule(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
    }

    /// <summary>Gets the extension to pass to <see cref="LlmCallRuleParser.ParseAll"/> so suites can use <c>json_schema</c>.</summary>
    public static IReadOnlyDictionary<string, Func<JsonElement, ResponseRule>> LlmCallExtensions { get; } =
        new Dictionary<string, Func<JsonElement, ResponseRule>>(StringComparer.Ordinal) { [LlmCallType] = FromLlmCallParams };

    /// <summary>Gets the schema.</summary>
    public Schema Schema { get; }

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Structural;

    /// <summary>Creates a rule from schema JSON.</summary>
    /// <param name="schemaJson">The schema.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">The text is not a JSON Schema.</exception>
    public static JsonSchemaRule FromJson(string schemaJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaJson);
        try
        {
            return new JsonSchemaRule(Schema.FromJsonAsync(schemaJson).GetAwaiter().GetResult());
        }
        catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            throw new ArgumentException($"The JSON Schema does not parse: {exception.Message}", nameof(schemaJson), exception);
        }
    }

    /// <summary>Creates a rule from a schema file; a relative path is resolved against <see cref="AppContext.BaseDirectory"/>.</summary>
    /// <param name="path">The schema file, for example <c>schemas/invoice.schema.json</c>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="PromptConfigurationException">The file cannot be read or is not a JSON Schema.</exception>
    public static JsonSchemaRule FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        try
        {
            return FromJson(File.ReadAllText(full, Encoding.UTF8));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new PromptConfigurationException($"The JSON Schema file '{path}' cannot be used: {exception.Message} Copy it to the output directory (CopyToOutputDirectory) or pass an absolute path.", exception);
        }
    }

    /// <summary>Validates a JSON value against the schema.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Every violation, with its path.</returns>
    public ValidationResult Validate(JsonElement value) => Validate(value.GetRawText());

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Done(context.Json.Success ? Validate(context.Json.Json!) : Fail(context.Json.Error!));
    }

    private ValidationResult Validate(string json)
    {
        var errors = new List<string>();
        foreach (var error in Schema.Validate(json))
        {
            Describe(error, errors);
        }

        if (errors.Count == 0)
        {
            return ValidationResult.Valid;
        }

        return Message is null ? ValidationResult.Fail(errors.Distinct(StringComparer.Ordinal).Take(MaxErrors)) : Fail(Message);
    }

    private static void Describe(ValidationError error, List<string> errors)
    {
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            foreach (var nested in child.Errors.Values.SelectMany(e => e))
            {
                Describe(nested, errors);
            }

            return;
        }

        var path = string.IsNullOrEmpty(error.Path) ? "$" : "$" + error.Path.TrimStart('#').Replace('/', '.').Replace("..", ".", StringComparison.Ordinal);
        if (path.Length > 1 && path[1] != '.' && path[1] != '[')
        {
            path = "$." + path[1..];
        }

        errors.Add($"{path.TrimEnd('.')}: {Words(error.Kind.ToString())} (JSON Schema).");
    }

    private static string Words(string kind)
    {
        var text = new StringBuilder();
        foreach (var c in kind)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static JsonSchemaRule FromLlmCallParams(JsonElement parameters)
    {
        if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("schema", out var inline))
        {
            return FromJson(inline.GetRawText());
        }

        if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("schema_path", out var file) && file.ValueKind == JsonValueKind.String)
        {
            return FromFile(file.GetString()!);
        }

        throw new ArgumentException("json_schema needs \"schema\" (an inline schema object) or \"schema_path\" (a file).");
    }
}
