using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Testing;

namespace PromptGen.Cli.Commands;

/// <summary><c>promptgen ask</c>: sends one prompt through the <see cref="PromptRouter"/> and prints the answer.</summary>
internal static class AskCommand
{
    // The generated context's settings (camelCase, indented, nulls omitted), with readable non-ASCII text such as "→".
    private static readonly JsonTypeInfo<AskJsonOutput> s_outputType = (JsonTypeInfo<AskJsonOutput>)
        new JsonSerializerOptions(CliJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }.GetTypeInfo(typeof(AskJsonOutput));

    public static Command Create(CliHost host)
    {
        var model = new Option<string>("--model", "-m") { Description = "Model id or alias, for example openai/gpt-4o-mini or anthropic/claude-haiku-4-5. Default: PromptGen:DefaultModel." };
        var system = new Option<string>("--system", "-s") { Description = "A system prompt sent before the question." };
        var config = CommonOptions.Config();
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON: model, text, usage and every attempt." };
        var debug = new Option<bool>("--debug") { Description = "Print the resolved route and the attempt timeline to standard error." };
        var images = new Option<string[]>("--image", "-i")
        {
            Description = "An image to send with the question: a file path or an http(s) URL. Repeat for several images. Images are fitted to the model's limits.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var schema = new Option<string>("--schema")
        {
            Description = "A JSON Schema file: the answer is a JSON value of it, read with repairs and re-asked when it does not fit. On a terminal the value is shown filling in as it streams; redirected, the final JSON is printed.",
        };
        var simulator = new Option<bool>("--simulator") { Description = "Answer from the built-in LLM simulator, even when a real provider is configured." };
        var prompt = new Argument<string[]>("prompt") { Description = "The question (several words are joined with spaces), or - to read it from standard input.", Arity = ArgumentArity.OneOrMore };
        prompt.Validators.Add(result =>
        {
            // The prompt takes any number of words, so a mistyped option would otherwise be sent to the model as text.
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-' && (t.Value[1] == '-' || char.IsLetter(t.Value[1]))))
            {
                result.AddError($"Unknown option '{token.Value}' for 'ask'. To ask something that starts with '-', pipe it in: echo \"...\" | promptgen ask -");
            }
        });
        var command = new Command("ask", "Ask a model a question and print the answer. Offline (no key, no config) it answers from the built-in simulator.")
        {
            model, system, config, json, debug, simulator, schema, images, prompt,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            host,
            new AskRequest(
                string.Join(' ', parsed.GetValue(prompt) ?? []),
                parsed.GetValue(model),
                parsed.GetValue(system),
                parsed.GetValue(config),
                parsed.GetValue(json),
                parsed.GetValue(debug),
                parsed.GetValue(simulator),
                parsed.GetValue(images) ?? [],
                parsed.GetValue(schema)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, AskRequest request, CancellationToken cancellationToken)
    {
        var text = request.Prompt == "-" ? await host.In.ReadToEndAsync(cancellationToken) : request.Prompt;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliUsageException(request.Prompt == "-" ? "Standard input was empty; pipe a question in, for example: echo \"Hi\" | promptgen ask -" : "The question is empty.");
        }

        var configuration = CliConfiguration.Load(request.ConfigFile, host);
        LlmSimulator? simulator = null;
        if (request.UseSimulator || configuration.NothingConfigured)
        {
            simulator = await BuiltInSimulator.StartAsync(cancellationToken);
            host.Note(request.UseSimulator
                ? "answering from the built-in LLM simulator (--simulator). Drop --simulator to use the configured providers."
                : $"answering from the built-in LLM simulator: no {CliConfiguration.DefaultFileName} and none of {string.Join(", ", CliConfiguration.ProviderVariables)} is set. "
                    + "For a real model set OPENAI_API_KEY or ANTHROPIC_API_KEY, or pass --config <file> (see 'promptgen models').");
        }

        try
        {
            await using var services = configuration.BuildServices(simulator is null ? null : options => BuiltInSimulator.Apply(simulator, options));
            var router = services.GetRequiredService<PromptRouter>();
            return await AskAsync(host, router, request, text.Trim(), simulator is not null, cancellationToken);
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }
        }
    }

    private static async Task<int> AskAsync(CliHost host, PromptRouter router, AskRequest request, string question, bool simulated, CancellationToken cancellationToken)
    {
        // Resolving first raises configuration errors (unknown provider, missing key) before anything is sent.
        var chain = router.ResolveChain(request.Model);
        if (request.Debug)
        {
            WriteRoute(host, chain);
        }

        List<ChatMessage> messages = [];
        if (!string.IsNullOrWhiteSpace(request.System))
        {
            messages.Add(new ChatMessage(ChatRole.System, request.System));
        }

        messages.Add(new ChatMessage(ChatRole.User, [new TextContent(question), .. ImageContents(host, request.Images)]));
        var options = new PromptCallOptions { Model = request.Model, Debug = request.Debug ? true : null };
        var suffix = simulated ? ", simulated" : string.Empty;

        // A person reads the answer as it streams; --json prints one object at the end. Either way the call goes through the
        // same pipeline (retries, breaker, deadline, fallbacks); --debug changes only what is printed.
        PromptResult<string> result;
        try
        {
            result = request.Schema is { } schemaFile
                ? await AskSchema.AskAsync(host, router, messages, options, schemaFile, print: !request.Json, cancellationToken)
                : request.Json
                    ? await AskWholeAsync(router, messages, options, cancellationToken)
                    : await AskStreamingAsync(host, router, messages, options, cancellationToken);
        }
        catch (PromptGenException exception) when (request.Debug)
        {
            WriteTrace(host, exception.Trace);
            throw;
        }

        var answered = chain.FirstOrDefault(r => r.Id.Canonical == result.ModelId) ?? router.Resolve(result.ModelId);
        if (request.Json)
        {
            var output = new AskJsonOutput(
                result.ModelId,
                result.Value,
                result.Usage is { } usage ? new AskJsonUsage(usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount) : null,
                [.. result.Trace.Attempts.Select(AskJsonAttempt.From)]);
            await host.Out.WriteLineAsync(JsonSerializer.Serialize(output, s_outputType));
        }

        if (request.Debug)
        {
            WriteTrace(host, result.Trace);
        }

        var hops = (result.Trace.Retries, result.Trace.Fallbacks) switch
        {
            (0, 0) => string.Empty,
            (var retries, 0) => $" after {retries} retry(ies)",
            (0, var fallbacks) => $" after {fallbacks} fallback hop(s)",
            (var retries, var fallbacks) => $" after {retries} retry(ies) and {fallbacks} fallback hop(s)",
        };
        host.Note($"answered by {result.ModelId} ({answered.Endpoint.Provider} at {answered.Endpoint.DisplayUrl}{suffix}){hops}{Tokens(result.Usage)}");
        return ExitCodes.Success;
    }

    private static async Task<PromptResult<string>> AskWholeAsync(PromptRouter router, List<ChatMessage> messages, PromptCallOptions options, CancellationToken cancellationToken)
    {
        var whole = await router.GetResponseAsync(messages, options, cancellationToken);
        return new PromptResult<string>(whole.Value.Text, whole.ModelId, whole.Trace) { RawText = whole.RawText, Usage = whole.Usage };
    }

    private static async Task<PromptResult<string>> AskStreamingAsync(CliHost host, PromptRouter router, List<ChatMessage> messages, PromptCallOptions options, CancellationToken cancellationToken)
    {
        var stream = router.GetStreamingResponseAsync(messages, options, cancellationToken);
        var printed = false;
        try
        {
            await foreach (var update in stream)
            {
                if (update.Text is { Length: > 0 } text)
                {
                    printed = true;
                    await host.Out.WriteAsync(text);
                    await host.Out.FlushAsync(cancellationToken);
                }
            }
        }
        catch (PromptGenException) when (printed)
        {
            // The stream broke after part of the answer was printed: end that line so the error stands on its own.
            await host.Out.WriteLineAsync();
            throw;
        }

        var result = await stream.Completion;
        EndLine(host, result.Value);
        return result;
    }

    /// <summary>One image part per <c>--image</c>, in order: URLs as given, paths against the working directory.</summary>
    private static IEnumerable<AIContent> ImageContents(CliHost host, string[] images)
    {
        for (var i = 0; i < images.Length; i++)
        {
            var value = images[i];
            var image = value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? PromptImage.FromUrl(value)
                : PromptImage.FromFile(host.FullPath(value));
            yield return image.ToContent(images.Length == 1 ? "--image" : $"--image #{i + 1}");
        }
    }

    private static void EndLine(CliHost host, string text)
    {
        if (!text.EndsWith('\n'))
        {
            host.Out.WriteLine();
        }
    }

    private static string Tokens(UsageDetails? usage) =>
        usage is null ? string.Empty : $", tokens {usage.InputTokenCount ?? 0} in / {usage.OutputTokenCount ?? 0} out";

    private static void WriteRoute(CliHost host, IReadOnlyList<ModelRoute> chain)
    {
        host.Note("route, in the order tried:");
        for (var i = 0; i < chain.Count; i++)
        {
            var route = chain[i];
            var alias = route.Alias is null ? string.Empty : $" (alias '{route.Alias}')";
            host.Error.WriteLine($"  {i + 1}. {route}{alias}");
            host.Error.WriteLine($"     settings from: {string.Join("; ", route.Endpoint.Sources.Select(s => $"{s.Key} ← {s.Value}"))}");
        }
    }

    private static void WriteTrace(CliHost host, PromptTrace trace)
    {
        // The debug timeline (requests, raw answers, retry waits, fallbacks; secrets redacted), then one line per attempt.
        var text = new StringBuilder();
        if (trace.DebugEvents.Count > 0)
        {
            text.Append("promptgen: timeline:").AppendLine();
            Indent(text, trace.ToTimeline());
        }

        text.Append("promptgen: attempts (").Append(trace.Attempts.Count).Append("):").AppendLine();
        Indent(text, trace.ToString());
        host.Error.Write(text.ToString());
    }

    private static void Indent(StringBuilder text, string lines)
    {
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("  ").Append(line.TrimEnd('\r')).AppendLine();
        }
    }

    private sealed record AskRequest(string Prompt, string? Model, string? System, string? ConfigFile, bool Json, bool Debug, bool UseSimulator, string[] Images, string? Schema);
}
