using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace PromptGen.Benchmarks;

/// <summary>
/// Setup check that the peer stacks of <see cref="PeerStacks"/> do not retry: each is built over a handler that answers
/// every request with 503 and counts them, and must fail after exactly one request. A control row (the SDK with its
/// default policy) must retry, which shows that the check can see a retry at all.
/// </summary>
internal static class RetryCheck
{
    private static readonly Uri s_baseUrl = new("http://retry-check.local/v1/");

    /// <summary>Throws when a stack retries, or when the control does not.</summary>
    public static async Task AssertPeersDoNotRetryAsync()
    {
        await ExpectRequestsAsync("OpenAI SDK ChatClient", expectRetries: false, h =>
            PeerStacks.OpenAIChatClient(new HttpClient(h), s_baseUrl).CompleteChatAsync("What is the capital of France?"));
        await ExpectRequestsAsync("MEAI IChatClient", expectRetries: false, h =>
            PeerStacks.ChatClient(new HttpClient(h), s_baseUrl).GetResponseAsync("What is the capital of France?"));
        await ExpectRequestsAsync("Semantic Kernel", expectRetries: false, h =>
            PeerStacks.Kernel(new HttpClient(h), s_baseUrl).InvokePromptAsync("What is the capital of France?"));
        await ExpectRequestsAsync("control: OpenAI SDK with its default retry policy", expectRetries: true, h =>
            new OpenAI.Chat.ChatClient(PeerStacks.Model, new System.ClientModel.ApiKeyCredential(PeerStacks.ApiKey), new OpenAI.OpenAIClientOptions
            {
                Endpoint = s_baseUrl,
                Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(new HttpClient(h)),
            }).CompleteChatAsync("What is the capital of France?"));
    }

    private static async Task ExpectRequestsAsync(string stack, bool expectRetries, Func<HttpMessageHandler, Task> call)
    {
        using var handler = new UnavailableHandler();
        var failed = false;
        try
        {
            await call(handler);
        }
#pragma warning disable CA1031 // Each SDK has its own exception type for a 503; any of them is the expected outcome.
        catch (Exception)
#pragma warning restore CA1031
        {
            failed = true;
        }

        if (!failed || (handler.Requests > 1) != expectRetries)
        {
            throw new InvalidOperationException(
                $"Setup: {stack} sent {handler.Requests} request(s) for a 503 ({(failed ? "failed" : "succeeded")}); expected {(expectRetries ? "retries" : "exactly one")}.");
        }
    }

    /// <summary>Answers 503 with a 1 ms <c>retry-after-ms</c>, so a retrying stack retries at once instead of backing off for seconds.</summary>
    private sealed class UnavailableHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                RequestMessage = request,
                Content = new StringContent("""{"error":{"message":"unavailable","type":"server_error","code":null}}""", System.Text.Encoding.UTF8, "application/json"),
            };
            response.Headers.TryAddWithoutValidation("retry-after-ms", "1");
            return Task.FromResult(response);
        }
    }
}
