using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PromptGen;

// One instance of a fleet: `dotnet PromptGen.Redis.TestHost.dll <redis> <openai-base-url> <api-key> <rpm> <calls> <text> [<break-seconds>]`.
// Makes <calls> calls to openai/gpt-4o-mini (response cache on; <rpm> requests per minute shared, 0 = none, no waiting;
// with <break-seconds>, a breaker that opens after two failures for that long) and prints one line per call:
// "ok <model> <attempt kinds>" or "error <kind> <message>".
if (args.Length is not (6 or 7))
{
    Console.Error.WriteLine("usage: PromptGen.Redis.TestHost <redis> <openai-base-url> <api-key> <rpm> <calls> <text> [<break-seconds>]");
    return 2;
}

var (redis, baseUrl, key, rpm, calls, text) = (args[0], args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), args[5]);
var breakSeconds = args.Length == 7 ? int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture) : 0;
var services = new ServiceCollection();
services.AddPromptGen(configure: o =>
{
    o.EnvironmentVariables = _ => null;
    o.Retry = new RetryOptions { MaxRetries = 0 };
    o.Provider("openai").BaseUrl = baseUrl;
    o.Provider("openai").ApiKey = key;
    o.Cache = new PromptCacheOptions { Duration = TimeSpan.FromMinutes(10) };
    if (breakSeconds > 0)
    {
        o.CircuitBreaker = new CircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(breakSeconds) };
    }

    if (rpm > 0)
    {
        o.Limits["openai"] = new ProviderLimitOptions { RequestsPerMinute = rpm, WaitForBudget = false };
    }
}).AddOpenAI().AddRedis(redis);
await using var provider = services.BuildServiceProvider();
var router = provider.GetRequiredService<PromptRouter>();
for (var i = 0; i < calls; i++)
{
    // With a budget, each call asks something new (no cache hit hides a request).
    var prompt = rpm > 0 || breakSeconds > 0 ? $"{text} #{i} from process {Environment.ProcessId}" : text;
    try
    {
        var result = await router.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        Console.WriteLine($"ok {result.ModelId} {string.Join(",", result.Trace.Attempts.Select(a => a.Kind))}");
    }
    catch (PromptGenException error)
    {
        Console.WriteLine($"error {error.Kind} {error.Message}");
    }
}

return 0;
