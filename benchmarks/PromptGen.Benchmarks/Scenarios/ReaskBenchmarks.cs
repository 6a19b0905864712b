using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace PromptGen.Benchmarks;

/// <summary>
/// What a typed call costs when the model answers <see cref="InvalidReplies"/> (k) invalid JSON bodies before a valid
/// one: k + 1 requests over an in-memory OpenAI transport. The generated <see cref="IItineraryPlanner.PlanAsync"/>
/// (a rule and <c>[Reask(MaxReasks = 3)]</c>) against the loop a user writes around MEAI's <c>GetResponseAsync&lt;T&gt;</c>
/// (baseline). Both send the same prompt through the same SDK and receive the same bodies.
/// </summary>
[MemoryDiagnoser]
public class ReaskBenchmarks : IDisposable
{
    private const int MaxReasks = 3;
    private const string Repair = "Your previous answer did not match the JSON schema or missed required values. Reply again with only the corrected JSON.";

    private static readonly ChatMessage[] s_prompt =
    [
        new(ChatRole.System, IItineraryPlanner.Instructions),
        new(ChatRole.User, "Plan 3 days in Lisbon."),
    ];

    private CyclingHandler _meaiHandler = null!;
    private CyclingHandler _promptGenHandler = null!;
    private IChatClient _meai = null!;
    private ServiceProvider _services = null!;
    private IItineraryPlanner _planner = null!;

    /// <summary>Gets or sets how many invalid replies come before the valid one, per call.</summary>
    [Params(0, 1, 2, 3)]
    public int InvalidReplies { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _meaiHandler = new CyclingHandler(InvalidReplies) { Record = true };
        _promptGenHandler = new CyclingHandler(InvalidReplies) { Record = true };
        _meai = new OpenAI.Chat.ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://bench.local/v1/"),
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = new HttpClientPipelineTransport(new HttpClient(_meaiHandler)),
        }).AsIChatClient();

        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("openai").ApiKey = "sk-bench";
            o.Provider("openai").BaseUrl = "http://bench.local/v1";
        }).AddOpenAI().UseHttpTransport(_promptGenHandler);
        services.AddPromptClient<IItineraryPlanner>();
        _services = services.BuildServiceProvider();
        _planner = _services.GetRequiredService<IItineraryPlanner>();

        // Each call must take exactly k + 1 requests and end with the valid itinerary.
        const int Calls = 3;
        for (var i = 0; i < Calls; i++)
        {
            Expect("MEAI loop", await MeaiLoop());
            var result = await _planner.PlanAsync("Lisbon", 3);
            Expect("PromptGen", result.Value);
            if (result.Trace.Attempts.Count != InvalidReplies + 1 || result.Trace.Reasks != InvalidReplies
                || result.Trace.Attempts.Count(a => a.Outcome == AttemptOutcome.Invalid) != InvalidReplies)
            {
                throw new InvalidOperationException($"Setup: PromptGen recorded {result.Trace.Attempts.Count} attempts ({result.Trace.Reasks} re-asks), expected {InvalidReplies + 1}.");
            }
        }

        foreach (var (row, handler) in new[] { ("MEAI loop", _meaiHandler), ("PromptGen", _promptGenHandler) })
        {
            if (handler.Requests != Calls * (InvalidReplies + 1))
            {
                throw new InvalidOperationException($"Setup: {row} sent {handler.Requests} requests for {Calls} calls, expected {Calls * (InvalidReplies + 1)}.");
            }
        }

        if (!_promptGenHandler.LastRequest.Contains("\"json_schema\"", StringComparison.Ordinal) || !_meaiHandler.LastRequest.Contains("\"json_schema\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Setup: a row did not request structured output.");
        }

        _meaiHandler.Record = _promptGenHandler.Record = false;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        _meai?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "MEAI GetResponseAsync<T> + hand-written re-ask loop")]
    public async Task<Itinerary> MeaiLoop()
    {
        IEnumerable<ChatMessage> conversation = s_prompt;
        for (var ask = 0; ; ask++)
        {
            var response = await _meai.GetResponseAsync<Itinerary>(conversation, ItineraryJson.Default.Options);
            if (response.TryGetResult(out var value) && value.Plan is [{ Places.Count: > 0 }, ..])
            {
                return value;
            }

            if (ask == MaxReasks)
            {
                throw new InvalidOperationException("No valid answer within the re-ask budget.");
            }

            conversation = [.. s_prompt, new ChatMessage(ChatRole.Assistant, response.Text), new ChatMessage(ChatRole.User, Repair)];
        }
    }

    [Benchmark(Description = "PromptGen generated typed caller ([RequiredField] + [Reask(MaxReasks = 3)])")]
    public Task<PromptResult<Itinerary>> PromptGen() => _planner.PlanAsync("Lisbon", 3);

    private static void Expect(string row, Itinerary value)
    {
        if (value is not { City: "Lisbon", Days: 3, Pace: TripPace.Balanced, Plan: [{ Places.Count: 2 }, ..], Hotel.Stars: 4 })
        {
            throw new InvalidOperationException($"Setup: {row} returned {value}.");
        }
    }

    /// <summary>
    /// An in-memory OpenAI transport answering k bodies whose JSON lacks the required <c>city</c>, then a valid one, and
    /// again from the start: each call of a row that re-asks correctly takes exactly k + 1 requests.
    /// </summary>
    private sealed class CyclingHandler(int invalid) : HttpMessageHandler
    {
        private static readonly JsonObject s_valid = JsonNode.Parse("""
            {"city":"Lisbon","days":3,"pace":"Balanced","hotel":{"name":"Casa do Rio","area":"Alfama","stars":4},
             "plan":[{"day":1,"title":"Old town","places":["Alfama","Se Cathedral"],"budgetEur":60.5},
                     {"day":2,"title":"Belem","places":["Jeronimos","Tower"],"budgetEur":null},
                     {"day":3,"title":"Sintra","places":["Pena Palace"],"budgetEur":80}],
             "notes":null}
            """)!.AsObject();

        private readonly byte[] _valid = Body(s_valid.ToJsonString());
        private readonly byte[] _invalid = Body(WithoutCity());
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        /// <summary>Gets or sets a value indicating whether request bodies are kept (setup only, so measured calls do not pay for it).</summary>
        public bool Record { get; set; }

        public string LastRequest { get; private set; } = string.Empty;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Record ? RecordAsync(request, cancellationToken) : Task.FromResult(Answer(request));

        private async Task<HttpResponseMessage> RecordAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return Answer(request);
        }

        private HttpResponseMessage Answer(HttpRequestMessage request)
        {
            var n = Interlocked.Increment(ref _requests) - 1;
            var content = new ByteArrayContent(n % (invalid + 1) < invalid ? _invalid : _valid);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }

        private static string WithoutCity()
        {
            var copy = s_valid.DeepClone().AsObject();
            copy.Remove("city");
            return copy.ToJsonString();
        }

        private static byte[] Body(string content) => Encoding.UTF8.GetBytes(new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion",
            ["created"] = 1,
            ["model"] = "gpt-4o-mini",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 40, ["completion_tokens"] = 90, ["total_tokens"] = 130 },
        }.ToJsonString());
    }
}
