using PromptGen.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>Generated callers over real HTTP: rendered prompts, typed results, structured-output requests per provider, streaming.</summary>
public sealed class GeneratedClientTests : IAsyncLifetime
{
    private Host _host = null!;

    public async Task InitializeAsync() => _host = await Host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Text_method_renders_system_and_user_prompts_and_returns_the_answer()
    {
        _host.Simulator.Script.When(userContains: "capital of France").Reply("Paris");

        var answer = await _host.Client.CapitalAsync("France");

        Assert.Equal("Paris", answer);
        var request = Assert.Single(_host.Simulator.Requests);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal("You are a concise travel guide.", request.SystemText);
        Assert.Equal("What is the capital of France? Answer with the city only.", request.LastUserText);
    }

    [Fact]
    public async Task Typed_method_sends_a_strict_json_schema_to_openai_and_deserializes_the_answer()
    {
        _host.Simulator.Script.Always().ReplyJson("""{"city":"Lisbon","stops":["Belem","Alfama"],"pace":"Relaxed","note":null}""");

        var plan = await _host.Client.PlanAsync("Lisbon", 2, ["food", "tiles"]);

        Assert.Equal(new Itinerary("Lisbon", plan.Stops, Pace.Relaxed, null), plan);
        Assert.Equal(["Belem", "Alfama"], plan.Stops);
        var request = Assert.Single(_host.Simulator.Requests);
        Assert.Equal("Plan 2 days in Lisbon for a traveller who likes:\n- food\n- tiles\nAnswer as JSON.", request.LastUserText!.ReplaceLineEndings("\n").TrimEnd());
        var format = request.BodyJson!.Value.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var jsonSchema = format.GetProperty("json_schema");
        Assert.Equal("Itinerary", jsonSchema.GetProperty("name").GetString());
        Assert.True(jsonSchema.GetProperty("strict").GetBoolean());
        var schema = jsonSchema.GetProperty("schema");
        Assert.Equal(["city", "stops", "pace", "note"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Relaxed", "Busy"], schema.GetProperty("properties").GetProperty("pace").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public async Task Typed_method_on_anthropic_returns_value_trace_and_usage()
    {
        _host.Simulator.Script.Always().ReplyJson("""{"city":"Porto","stops":["Ribeira"],"pace":"Busy","note":"bring shoes"}""").WithUsage(120, 30);

        var result = await _host.Client.PlanWithClaudeAsync("Porto", 1, ["wine"]);

        Assert.Equal("Porto", result.Value.City);
        Assert.Equal(Pace.Busy, result.Value.Pace);
        Assert.Equal("anthropic/claude-haiku-4-5", result.ModelId);
        Assert.Equal(120, result.Usage?.InputTokenCount);
        Assert.Equal(30, result.Usage?.OutputTokenCount);
        Assert.Single(result.Trace.Attempts);
        var request = Assert.Single(_host.Simulator.Requests);
        Assert.Equal("claude-haiku-4-5", request.Model);
        Assert.Equal(300, request.BodyJson!.Value.GetProperty("max_tokens").GetInt32());
        var format = request.BodyJson!.Value.GetProperty("output_config").GetProperty("format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal(["city", "stops", "pace", "note"], format.GetProperty("schema").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("You are a concise travel guide.", request.SystemText);
    }

    [Fact]
    public async Task Invalid_json_from_the_model_is_a_typed_error_that_keeps_the_raw_answer()
    {
        _host.Simulator.Script.Always().Reply("Sorry, I cannot plan that.");

        var error = await Assert.ThrowsAsync<ResponseValidationException>(() => _host.Client.PlanAsync("Nowhere", 1, []));

        Assert.Equal("Sorry, I cannot plan that.", error.RawText);
        Assert.Contains("ITravelClient.PlanAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_method_yields_the_text_in_fragments()
    {
        _host.Simulator.Script.Always().Reply("Once upon a time there was a lighthouse.");

        var fragments = new List<string>();
        await foreach (var fragment in _host.Client.StoryAsync("a lighthouse"))
        {
            fragments.Add(fragment);
        }

        Assert.True(fragments.Count > 1, $"expected several fragments, got {fragments.Count}");
        Assert.Equal("Once upon a time there was a lighthouse.", string.Concat(fragments));
        Assert.True(Assert.Single(_host.Simulator.Requests).Stream);
    }

    [Fact]
    public async Task A_streaming_method_retries_and_falls_back_before_the_first_token_and_reports_model_usage_and_trace()
    {
        _host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);
        _host.Simulator.Script.Always().Reply("The lighthouse keeper slept.").WithUsage(9, 6);

        var stream = _host.Client.TellAsync("a lighthouse");
        var fragments = new List<string>();
        await foreach (var fragment in stream)
        {
            fragments.Add(fragment);
        }

        var result = await stream.Completion;
        Assert.Equal("The lighthouse keeper slept.", string.Concat(fragments));
        Assert.Equal("anthropic/claude-haiku-4-5", result.ModelId);
        Assert.Equal(6, result.Usage?.OutputTokenCount);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Retry, AttemptKind.Fallback], result.Trace.Attempts.Select(a => a.Kind));
        Assert.All(_host.Simulator.Requests, r => Assert.True(r.Stream));
        Assert.NotNull(result.Trace.Attempts[^1].TimeToFirstToken);
    }

    [Fact]
    public async Task Per_call_options_override_the_model_and_chat_settings_of_a_generated_method()
    {
        _host.Simulator.Script.Always().Reply("Paris");

        var result = await _host.Client.CapitalWithAsync(
            "France",
            new PromptCallOptions { Model = "openai/gpt-4o", ChatOptions = new() { Temperature = 0.1f, MaxOutputTokens = 7 }, Debug = true });
        var streamed = _host.Client.TellAsync("a fox", new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" });
        await foreach (var fragment in streamed)
        {
            Assert.NotNull(fragment);
        }

        Assert.Equal("Paris", result.Value);
        Assert.Equal("openai/gpt-4o", result.ModelId);
        Assert.NotEmpty(result.Trace.DebugEvents);
        var request = _host.Simulator.Requests[0].BodyJson!.Value;
        Assert.Equal("gpt-4o", request.GetProperty("model").GetString());
        Assert.Equal(0.1, request.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(7, request.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("anthropic/claude-haiku-4-5", (await streamed.Completion).ModelId);
        Assert.Equal("claude-haiku-4-5", _host.Simulator.Requests[1].Model);
    }

    [Fact]
    public async Task Formats_use_the_invariant_culture_escaped_braces_stay_literal_and_null_renders_empty()
    {
        _host.Simulator.Script.Always().Reply("4");

        var rated = await _host.Client.RateAsync("Oslo", 1234.5m);
        var unrated = await _host.Client.RateAsync("Oslo", null);

        Assert.Equal("4", rated.Value);
        var requests = _host.Simulator.Requests;
        Assert.Equal("Rate Oslo from {1} to {5}; the budget is 1234.50 EUR.", requests[0].LastUserText);
        Assert.Equal("Rate Oslo from {1} to {5}; the budget is  EUR.", requests[1].LastUserText);
        Assert.Equal(0.2, requests[0].BodyJson!.Value.GetProperty("temperature").GetDouble(), 3);
    }

    [Fact]
    public async Task Fallback_declared_on_the_method_is_used_when_the_primary_fails()
    {
        _host.Simulator.Script.When(model: "gpt-4o-mini").Fault(PromptGen.Testing.SimulatorFault.ServerError);
        _host.Simulator.Script.When(model: "claude-haiku-4-5").Reply("5");

        var result = await _host.Client.RateAsync("Bergen", 10m);

        Assert.Equal("5", result.Value);
        Assert.Equal("anthropic/claude-haiku-4-5", result.ModelId);
        Assert.Equal(2, result.Trace.Attempts.Count);
    }

    [Fact]
    public async Task Retry_declared_on_the_method_overrides_the_configured_policy()
    {
        // The host configures no retries; the method's [Retry(MaxRetries = 2)] gets through two server errors.
        _host.Simulator.Script.Always().Fault(PromptGen.Testing.SimulatorFault.ServerError).Times(2);
        _host.Simulator.Script.Always().Reply("yes");

        var result = await _host.Client.WorthAVisitAsync("Bergen");

        Assert.Equal("yes", result.Value);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Retry, AttemptKind.Retry], result.Trace.Attempts.Select(a => a.Kind));
        Assert.Equal(3, _host.Simulator.Requests.Count);
    }

    [Fact]
    public async Task Rules_declared_as_attributes_reask_with_the_exact_errors()
    {
        _host.Simulator.Script.Always().Reply("Well, as an AI I would say the famous Nidaros Cathedral in the old town centre").Times(1);
        _host.Simulator.Script.Always().Reply("Nidaros Cathedral");

        var result = await _host.Client.BestSightAsync("Trondheim");

        Assert.Equal("Nidaros Cathedral", result.Value);
        Assert.Equal(2, _host.Simulator.Requests.Count);
        var repair = _host.Simulator.Requests[1].LastUserText!;
        Assert.Contains("Answer directly, without talking about yourself.", repair, StringComparison.Ordinal);
        Assert.Contains("words", repair, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Rules_on_a_typed_result_fail_with_every_attempt_when_the_budget_is_spent()
    {
        _host.Simulator.Script.Always().ReplyJson("""{"city":"Oslo","stops":[],"pace":"Busy","note":null}""");

        var error = await Assert.ThrowsAsync<ResponseValidationException>(() => _host.Client.PlanCheckedAsync("Oslo", 1, ["museums"]));

        Assert.Contains(error.Errors, e => e.Contains("stops[0]", StringComparison.Ordinal));
        Assert.Equal(3, _host.Simulator.Requests.Count);
        Assert.Equal(3, error.Attempts.Count);
    }

    [Fact]
    public async Task Image_parameters_become_content_parts_in_template_order()
    {
        // A 1x1 PNG: within every provider's limits, so it is sent as it is.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
        _host.Simulator.Script.Always().Reply("Lisbon");

        var answer = await _host.Client.WhichCityAsync(PromptImage.FromBytes(png), [PromptImage.FromBytes(png), PromptImage.FromBytes(png)]);

        Assert.Equal("Lisbon", answer);
        var request = Assert.Single(_host.Simulator.Requests);
        Assert.Equal(3, request.Images.Count);
        Assert.All(request.Images, i => Assert.Equal("image/png", i.MediaType));
        Assert.All(request.Images, i => Assert.Equal(png, i.Data));
        var user = request.BodyJson!.Value.GetProperty("messages").EnumerateArray().Last().GetProperty("content").EnumerateArray()
            .Select(p => p.GetProperty("type").GetString() == "text" ? "text:" + p.GetProperty("text").GetString() : "image").ToList();
        Assert.Equal(["text:Which city is shown in ", "image", "text:? Compare it with ", "image", "image", "text: and answer with one name."], user);
    }

    [Fact]
    public void Factory_creates_the_client_without_dependency_injection()
    {
        var executor = _host.Services.GetRequiredService<PromptGen.Generated.PromptExecutor>();

        ITravelClient client = TravelClient.Create(executor);

        Assert.IsType<TravelClient>(client);
        Assert.Same(_host.Client, _host.Client);
    }

    [Fact]
    public async Task Cancellation_reaches_the_call()
    {
        _host.Simulator.Script.Always().Fault(PromptGen.Testing.SimulatorFault.Hang);
        using var cancel = new CancellationTokenSource();

        var call = _host.Client.CapitalAsync("Peru", cancel.Token);
        await _host.Simulator.WaitForRequestAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
