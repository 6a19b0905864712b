using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace PromptGen.Benchmarks;

/// <summary>
/// The floor: a hand-written chat-completions call with <see cref="HttpClient"/> and System.Text.Json's source-generated
/// metadata (POST <c>/v1/chat/completions</c>, read <c>choices[0].message.content</c>). No SDK, no retries, no error
/// mapping beyond the status code: what the call costs with nothing in between.
/// </summary>
internal sealed class RawOpenAIClient(HttpClient http, Uri openAIBaseUrl)
{
    private readonly Uri _completions = new(openAIBaseUrl, "chat/completions");
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", PeerStacks.ApiKey);

    /// <summary>Sends a system and a user message and returns the answer's text.</summary>
    public async Task<string> CompleteAsync(string system, string user, CancellationToken cancellationToken = default)
    {
        var body = new RawChatRequest(PeerStacks.Model, [new RawMessage("system", system), new RawMessage("user", user)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, _completions)
        {
            Content = JsonContent.Create(body, RawOpenAIJsonContext.Default.RawChatRequest),
        };
        request.Headers.Authorization = _authorization;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var completion = await response.Content.ReadFromJsonAsync(RawOpenAIJsonContext.Default.RawChatCompletion, cancellationToken).ConfigureAwait(false);
        return completion?.Choices is [{ Message.Content: { } content }, ..]
            ? content
            : throw new InvalidOperationException("The completion has no choices[0].message.content.");
    }
}

internal sealed record RawMessage(string Role, string? Content);

internal sealed record RawChatRequest(string Model, IReadOnlyList<RawMessage> Messages);

internal sealed record RawChoice(RawMessage Message);

internal sealed record RawChatCompletion(IReadOnlyList<RawChoice> Choices);

/// <summary>Source-generated (reflection-free) metadata for the raw request and response, snake_case as on the wire.</summary>
[JsonSerializable(typeof(RawChatRequest))]
[JsonSerializable(typeof(RawChatCompletion))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class RawOpenAIJsonContext : JsonSerializerContext;
