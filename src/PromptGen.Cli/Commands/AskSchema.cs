using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Generated;
using Spectre.Console;

namespace PromptGen.Cli.Commands;

/// <summary>
/// <c>promptgen ask --schema &lt;file&gt;</c>: the answer is a JSON value of the schema, streamed as a typed partial value
/// through <see cref="PromptExecutor.StreamJsonAsync{T}(PromptDescriptor, IList{ChatMessage}, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}, PromptCallOptions?, CancellationToken)"/>
/// (the same pipeline, schema checks and re-asks as a generated method). On a terminal the value is redrawn in place
/// as it fills in (a Spectre.Console live display, with the complete members); redirected, only the final JSON is printed.
/// </summary>
internal static class AskSchema
{
    public static async Task<PromptResult<string>> AskAsync(CliHost host, PromptRouter router, IList<ChatMessage> messages, PromptCallOptions options, string schemaFile, bool print, CancellationToken cancellationToken)
    {
        var schema = await ParseCommand.ReadSchemaAsync(host, schemaFile, cancellationToken);
        var descriptor = new PromptDescriptor("promptgen", "ask")
        {
            Stream = true,
            JsonSchema = JsonSerializer.SerializeToUtf8Bytes(schema, CliJsonContext.Default.JsonElement),
            SchemaName = SchemaName(schema, schemaFile),
        };
        var updates = new PromptExecutor(router).StreamJsonAsync(descriptor, messages, CliJsonContext.Default.JsonElement, options, cancellationToken);
        PromptResult<JsonElement>? result = null;
        if (print && host.Interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(host.Out),
                Ansi = AnsiSupport.Yes,
                Interactive = InteractionSupport.Yes,
                ColorSystem = ColorSystemSupport.Standard,
            });
            await console.Live(new Text(string.Empty)).AutoClear(false).StartAsync(async context =>
            {
                await foreach (var update in updates.ConfigureAwait(false))
                {
                    context.UpdateTarget(Render(update));
                    context.Refresh();
                    result = update.Result ?? result;
                }
            });
        }
        else
        {
            await foreach (var update in updates.ConfigureAwait(false))
            {
                result = update.Result ?? result;
            }

            if (print)
            {
                await host.Out.WriteLineAsync(JsonSerializer.Serialize(result!.Value, CliJsonContext.Default.JsonElement));
            }
        }

        var value = result!;
        return new PromptResult<string>(value.Value.GetRawText(), value.ModelId, value.Trace) { RawText = value.RawText, Usage = value.Usage };
    }

    /// <summary>One frame: a status line (which answer, what is complete), then the value so far, indented.</summary>
    private static Rows Render(PromptPartial<JsonElement> update)
    {
        var json = update.Value.ValueKind == JsonValueKind.Undefined ? "…" : JsonSerializer.Serialize(update.Value, CliJsonContext.Default.JsonElement);
        var status = update.IsFinal
            ? $"[green]done[/] · {Markup.Escape(update.Result!.ModelId)}"
            : $"[yellow]streaming[/]{(update.Attempt > 1 ? $" · re-ask {update.Attempt - 1}" : string.Empty)} · complete: {Markup.Escape(update.Complete.Count == 0 ? "(nothing yet)" : string.Join(", ", update.Complete))}";
        return new Rows(new Markup(status), new Text(json));
    }

    /// <summary>The schema's title, else the file name: the name providers' structured output needs (letters, digits, _ and -).</summary>
    private static string SchemaName(JsonElement schema, string file)
    {
        var name = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
            ? title.GetString()!
            : Path.GetFileNameWithoutExtension(file).Replace(".schema", string.Empty, StringComparison.OrdinalIgnoreCase);
        var chars = name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').ToArray();
        return chars.Length == 0 ? "answer" : new string(chars);
    }
}
