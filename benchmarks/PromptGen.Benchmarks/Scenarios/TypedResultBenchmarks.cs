using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace PromptGen.Benchmarks;

/// <summary>
/// One call with a typed answer, a <see cref="City"/>: each stack sends the type's JSON schema as OpenAI structured
/// output and turns the canned answer (the JSON of Paris) into a <see cref="City"/>. The same prompts in every row,
/// SDK retries off, over an in-memory handler and over the simulator on loopback. MEAI's <c>GetResponseAsync&lt;T&gt;</c>
/// with source-generated metadata is the baseline.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "BenchmarkDotNet manages the lifetime: [GlobalCleanup] disposes them.")]
public class TypedResultBenchmarks
{
    // A field, not a constant, so every row renders its prompt at run time as a real caller would.
    private readonly string _country = "France";

    private BenchTransport _transport = null!;
    private IChatClient _chatClient = null!;
    private Kernel _kernel = null!;
    private KernelFunction _skFunction = null!;
    private ServiceProvider _services = null!;
    private IGeography _geography = null!;

    [Params(TransportKind.InMemory, TransportKind.Loopback)]
    public TransportKind Transport { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _transport = await BenchTransport.StartAsync(Transport, GeographyPrompts.ParisJson);
        var url = _transport.OpenAIBaseUrl;
        _chatClient = PeerStacks.ChatClient(_transport.CreateHttpClient(), url);

        // SK builds the schema from the type with its own reflection-based serializer options (there is no way to hand
        // it a JsonSerializerContext), so its schema names the properties as declared (Name, not name); reading the
        // answer back goes through the same source-generated context as the other rows.
        _kernel = PeerStacks.Kernel(_transport.CreateHttpClient(), url);
        _skFunction = _kernel.CreateFunctionFromPrompt(
            "Give the name, country and population of the capital of {{$country}}.",
            new OpenAIPromptExecutionSettings { ChatSystemPrompt = GeographyPrompts.CityJsonSystem, ResponseFormat = typeof(City) });

        _services = PeerStacks.PromptGen(_transport.CreateHandler(), url);
        _geography = _services.GetRequiredService<IGeography>();

        await CheckRowsAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _services.Dispose();
        _chatClient.Dispose();
        await _transport.DisposeAsync();
    }

    /// <summary>
    /// <c>ChatResponse&lt;T&gt;.Result</c> deserializes lazily, so the row reads it: without that it would skip the work the
    /// other rows do.
    /// </summary>
    [Benchmark(Baseline = true, Description = "MEAI GetResponseAsync<City> (source-generated options)")]
    public async Task<City> ChatClient()
    {
        ChatMessage[] messages = [new(ChatRole.System, GeographyPrompts.CityJsonSystem), new(ChatRole.User, GeographyPrompts.CityJsonUser(_country))];
        var response = await _chatClient.GetResponseAsync<City>(messages, CityJsonContext.Default.Options);
        return response.Result;
    }

    [Benchmark(Description = "Semantic Kernel ResponseFormat = typeof(City) + deserialize")]
    public async Task<City> SemanticKernel()
    {
        var result = await _skFunction.InvokeAsync(_kernel, new KernelArguments { ["country"] = _country });
        return JsonSerializer.Deserialize(result.ToString(), CityJsonContext.Default.City)
            ?? throw new InvalidOperationException("Semantic Kernel answered null.");
    }

    [Benchmark(Description = "PromptGen: generated client (Task<City>, [RequiredField])")]
    public Task<City> Generated() => _geography.CapitalCityAsync(_country);

    /// <summary>
    /// Every row must send one request with the system prompt, the user prompt and a JSON-schema response format,
    /// and must produce the same <see cref="City"/>.
    /// </summary>
    private async Task CheckRowsAsync()
    {
        (string Row, Func<Task<City>> Call)[] rows = [("MEAI", ChatClient), ("Semantic Kernel", SemanticKernel), ("generated client", Generated)];
        foreach (var (row, call) in rows)
        {
            City? city = null;
            var bodies = await _transport.CaptureRequestBodiesAsync(async () => city = await call());
            var body = bodies.Count == 1 ? bodies[0] : "";
            var system = body.IndexOf($"\"{GeographyPrompts.CityJsonSystem}\"", StringComparison.Ordinal);
            var user = body.IndexOf($"\"{GeographyPrompts.CityJsonUser(_country)}\"", StringComparison.Ordinal);
            if (city != GeographyPrompts.Paris || system < 0 || user < system || !body.Contains("\"json_schema\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Setup ({Transport}): {row} produced {city?.ToString() ?? "null"} after {bodies.Count} request(s); expected {GeographyPrompts.Paris} after one request with the prompts and a json_schema response format. Bodies: {string.Join(" | ", bodies)}");
            }
        }
    }
}
