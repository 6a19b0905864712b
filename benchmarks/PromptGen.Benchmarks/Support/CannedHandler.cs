using System.Net.Http.Headers;
using System.Text;

namespace PromptGen.Benchmarks;

/// <summary>An in-memory transport returning a canned provider body: measures our CPU and allocations, not the network.</summary>
public sealed class CannedHandler(string body) : HttpMessageHandler
{
    public const string OpenAIBody = """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Paris"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}""";

    public const string AnthropicBody = """{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Paris"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}""";

    private readonly byte[] _body = Encoding.UTF8.GetBytes(body);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
