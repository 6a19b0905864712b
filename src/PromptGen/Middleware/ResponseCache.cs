using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;

namespace PromptGen;

/// <summary>
/// The answers kept by <see cref="PromptCacheOptions"/>: in memory (<see cref="IMemoryCache"/>), and in the registered
/// <see cref="IDistributedCache"/> (such as Redis, which every instance shares) when there is one. An entry is the
/// answer's text, the model that gave it and its finish reason, as a small JSON document; never the request, never a
/// header or key.
/// </summary>
/// <remarks>
/// Not HybridCache: registering it pulls its reflection-based default JSON serializer into every application, which
/// is three trim/AOT warnings in every Native AOT publish of an app that uses PromptGen, cache or not; PromptGen stores
/// only strings and never needs its factory or stampede protection (an answer is stored after it was validated, not
/// produced by the cache). The two well-kept levels it builds on are used directly instead.
/// </remarks>
internal sealed class ResponseCache(IMemoryCache local, IDistributedCache? shared)
{
    /// <summary>The cached answer under <paramref name="key"/>, or <see langword="null"/> on a miss.</summary>
    public async ValueTask<CachedAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (local.TryGetValue(key, out string? json) && json is not null)
        {
            return CachedAnswer.Parse(json);
        }

        if (shared is null || await shared.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return null;
        }

        return CachedAnswer.Parse(Encoding.UTF8.GetString(bytes));
    }

    /// <summary>Keeps <paramref name="answer"/> under <paramref name="key"/> for <paramref name="duration"/>, in memory and in the shared cache.</summary>
    public async ValueTask SetAsync(string key, CachedAnswer answer, TimeSpan duration, CancellationToken cancellationToken)
    {
        var json = answer.ToJson();
        // A size in every entry: an application that gave its IMemoryCache a SizeLimit refuses entries without one.
        local.Set(key, json, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = duration, Size = json.Length });
        if (shared is not null)
        {
            await shared.SetAsync(key, Encoding.UTF8.GetBytes(json), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = duration }, cancellationToken).ConfigureAwait(false);
        }
    }
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
