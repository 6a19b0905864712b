using System.Collections.Concurrent;
using System.Text.Json;

namespace PromptGen.Validation.Lenient;

/// <summary>
/// Compiled schemas by their text: a method's schema is compiled once, not for every answer. Bounded: past
/// <see cref="MaxEntries"/> schemas the cache is cleared (schemas are per method, so the bound is never reached in practice).
/// </summary>
internal static class SchemaModels
{
    private const int MaxEntries = 512;
    private static readonly ConcurrentDictionary<string, SchemaModel> s_models = new(StringComparer.Ordinal);

    public static SchemaModel Get(JsonElement schema)
    {
        var key = schema.GetRawText();
        if (s_models.TryGetValue(key, out var model))
        {
            return model;
        }

        if (s_models.Count >= MaxEntries)
        {
            s_models.Clear();
        }

        return s_models.GetOrAdd(key, _ => SchemaModel.Compile(schema));
    }
}
