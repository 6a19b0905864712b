namespace PromptGen.Generators.Parsing;

/// <summary>
/// Metadata names the generator recognizes (namespace-qualified, generic arity as <c>`N</c>), compared by
/// <see cref="SymbolExtensions.HasFullName"/> without allocating, so no <c>src/</c> reference is needed.
/// </summary>
internal static class KnownNames
{
    public const string PromptClientAttribute = "PromptGen.PromptClientAttribute";
    public const string PromptAttribute = "PromptGen.PromptAttribute";
    public const string SystemPromptAttribute = "PromptGen.SystemPromptAttribute";
    public const string ModelAttribute = "PromptGen.ModelAttribute";
    public const string RetryAttribute = "PromptGen.RetryAttribute";
    public const string CircuitBreakerAttribute = "PromptGen.CircuitBreakerAttribute";
    public const string TimeoutAttribute = "PromptGen.TimeoutAttribute";
    public const string CacheAttribute = "PromptGen.CacheAttribute";
    public const string EscalateAttribute = "PromptGen.EscalateAttribute";
    public const string ResponseRuleAttribute = "PromptGen.ResponseRuleAttribute";
    public const string ReaskAttribute = "PromptGen.ReaskAttribute";
    public const string PromptExampleAttribute = "PromptGen.PromptExampleAttribute";
    public const string ResponseValidator = "PromptGen.Validation.IResponseValidator";
    public const string JsonSchemaRule = "PromptGen.Validation.JsonSchemaRule";
    public const string PromptResult = "PromptGen.PromptResult`1";
    public const string PromptImage = "PromptGen.PromptImage";
    public const string ChatMessage = "Microsoft.Extensions.AI.ChatMessage";
    public const string Task = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask`1";
    public const string AsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string PromptCallOptions = "PromptGen.PromptCallOptions";
    public const string PromptStream = "PromptGen.PromptStream`1";
    public const string PromptPartial = "PromptGen.PromptPartial`1";
    public const string Formattable = "System.IFormattable";
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string JsonSourceGenerationOptionsAttribute = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";
    public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonExtensionDataAttribute = "System.Text.Json.Serialization.JsonExtensionDataAttribute";
    public const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    public const string ReadOnlyList = "System.Collections.Generic.IReadOnlyList`1";
    public const string List = "System.Collections.Generic.IList`1";
    public const string ListClass = "System.Collections.Generic.List`1";
    public const string Dictionary = "System.Collections.Generic.IDictionary`2";
    public const string ReadOnlyDictionary = "System.Collections.Generic.IReadOnlyDictionary`2";
    public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
}
