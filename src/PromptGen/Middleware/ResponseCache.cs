using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;

namespace PromptGen;

/// <summary>
/// The answers kept by <see cref="PromptCacheOptions"/>, in a <see cref="HybridCache"/> (in memory, plus the registered
/// distributed cache such as Redis, which every instance shares). An entry is the answer's text, the model that gave it
/// and its finish reason, as a small JSON document; never the request, never a header or key.
/// </summary>
internal sealed class ResponseCache(HybridCache cache)
{
    // A read that never runs a factory and never writes back: only validated answers are stored, by SetAsync.
    private static readonly HybridCacheEntryOptions s_read = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>The cached answer under <paramref name="key"/>, or <see langword="null"/> on a miss.</summary>
    public async ValueTask<CachedAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var json = await cache.GetOrCreateAsync<string?>(key, static _ => ValueTask.FromResult<string?>(null), s_read, cancellationToken: cancellationToken).ConfigureAwait(false);
        return json is null ? null : CachedAnswer.Parse(json);
    }

    /// <summary>Keeps <paramref name="answer"/> under <paramref name="key"/> for <paramref name="duration"/>.</summary>
    public ValueTask SetAsync(string key, CachedAnswer answer, TimeSpan duration, CancellationToken cancellationToken) =>
        cache.SetAsync(key, answer.ToJson(), new HybridCacheEntryOptions { Expiration = duration, LocalCacheExpiration = duration }, cancellationToken: cancellationToken);
}

/// <summary>A cached answer: the text, the model that gave it and why it finished.</summary>
internal sealed record CachedAnswer(string ModelId, string Text, string? FinishReason)
{
    public ChatResponse ToResponse() => new(new ChatMessage(ChatRole.Assistant, Text))
    {
        ModelId = ModelId,
        FinishReason = FinishReason is null ? null : new ChatFinishReason(FinishReason),
    };

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 1);
            writer.WriteString("model", ModelId);
            writer.WriteString("text", Text);
            writer.WriteString("finish", FinishReason);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads an entry; <see langword="null"/> for one this version cannot read (it is a miss, not an error).</summary>
    public static CachedAnswer? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.TryGetProperty("v", out var v) && v.TryGetInt32(out var version) && version == 1
                && root.TryGetProperty("model", out var model) && model.GetString() is { } id
                && root.TryGetProperty("text", out var text) && text.GetString() is { } answer
                ? new CachedAnswer(id, answer, root.TryGetProperty("finish", out var finish) ? finish.GetString() : null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
