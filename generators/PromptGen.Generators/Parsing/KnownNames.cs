namespace PromptGen.Generators.Parsing;

/// <summary>Metadata names the generator recognizes; compared as strings so no <c>src/</c> reference is needed.</summary>
internal static class KnownNames
{
    public const string PromptClientAttribute = "PromptGen.PromptClientAttribute";
    public const string PromptAttribute = "PromptGen.PromptAttribute";
    public const string SystemPromptAttribute = "PromptGen.SystemPromptAttribute";
    public const string ModelAttribute = "PromptGen.ModelAttribute";
    public const string RetryAttribute = "PromptGen.RetryAttribute";
    public const string CircuitBreakerAttribute = "PromptGen.CircuitBreakerAttribute";
    public const string TimeoutAttribute = "PromptGen.TimeoutAttribute";
    public const string EscalateAttribute = "PromptGen.EscalateAttribute";
    public const string ResponseRuleAttribute = "PromptGen.ResponseRuleAttribute";
    public const string ReaskAttribute = "PromptGen.ReaskAttribute";
    public const string ResponseValidator = "PromptGen.Validation.IResponseValidator";
    public const string JsonSchemaRule = "PromptGen.Validation.JsonSchemaRule";
    public const string PromptResult = "PromptGen.PromptResult<T>";
    public const string PromptImage = "PromptGen.PromptImage";
    public const string Task = "System.Threading.Tasks.Task<TResult>";
    public const string ValueTask = "System.Threading.Tasks.ValueTask<TResult>";
    public const string AsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable<T>";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Formattable = "System.IFormattable";
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string JsonSourceGenerationOptionsAttribute = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";
    public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonExtensionDataAttribute = "System.Text.Json.Serialization.JsonExtensionDataAttribute";
    public const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
}
