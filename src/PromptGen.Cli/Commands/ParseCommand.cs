using System.CommandLine;
using System.Text.Json;
using PromptGen.Validation;

namespace PromptGen.Cli.Commands;

/// <summary>
/// <c>promptgen parse --schema schema.json [--input answer.txt]</c>: reads a model's answer (a file or standard input)
/// the way a typed call does, without a model call. The recovered JSON goes to standard output on one line, every
/// repair and coercion to standard error; exit 0. When no value fits, the located error goes to standard error and the
/// exit code is 1. <c>--strict</c> and <c>--no-coerce</c> choose the policy.
/// </summary>
internal static class ParseCommand
{
    public static Command Create(CliHost host)
    {
        var schema = new Option<string>("--schema") { Description = "The JSON Schema file of the expected value (draft 2020-12: $defs/$ref, anyOf, enum, const, properties, required, additionalProperties, items).", Required = true };
        var input = new Option<string>("--input") { Description = "The file holding the answer. Default: standard input." };
        var strict = new Option<bool>("--strict") { Description = "No repair and no coercion: the JSON (in prose or a code fence) must be valid and fit the schema as it is." };
        var noCoerce = new Option<bool>("--no-coerce") { Description = "Repair broken syntax but do not convert values to fit the schema." };
        var partial = new Option<bool>("--partial") { Description = "The answer is still being written (a prefix): print the value so far (members not yet arrived are absent) and, on standard error, which members are complete." };
        var command = new Command("parse", "Read a model's answer that is almost JSON against a JSON Schema: print the recovered value and every repair, or where it broke.")
        {
            schema, input, strict, noCoerce, partial,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(strict) && parsed.GetValue(noCoerce))
            {
                throw new CliUsageException("--strict and --no-coerce are exclusive: --strict already turns coercion off (and repair too).");
            }

            var policy = parsed.GetValue(strict) ? JsonParsePolicy.Strict : parsed.GetValue(noCoerce) ? JsonParsePolicy.Repair : JsonParsePolicy.RepairAndCoerce;
            var schemaElement = await ReadSchemaAsync(host, parsed.GetValue(schema)!, cancellationToken);
            var text = parsed.GetValue(input) is { } file ? await ReadFileAsync(host, file, "answer", cancellationToken) : await host.In.ReadToEndAsync(cancellationToken);
            if (parsed.GetValue(partial))
            {
                return Partial(host, text, schemaElement, policy);
            }

            var json = JsonExtractor.Extract(text, schemaElement, policy);
            foreach (var repair in json.Repairs)
            {
                host.Error.WriteLine(repair.ToString());
            }

            if (!json.Success)
            {
                host.Note(json.Error!);
                return ExitCodes.NoValue;
            }

            host.Out.WriteLine(json.Json);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A prefix of an answer: the value so far on standard output, the complete members (and any complete part that breaks the schema) on standard error.</summary>
    private static int Partial(CliHost host, string text, JsonElement schema, JsonParsePolicy policy)
    {
        var parser = new PartialJsonParser(schema, policy);
        parser.Append(text);
        var read = parser.Read();
        foreach (var error in read.Errors)
        {
            host.Note(error);
        }

        if (read.Errors.Count > 0)
        {
            return ExitCodes.NoValue;
        }

        host.Error.WriteLine(read.Complete.Count == 0 ? "complete: (nothing yet)" : $"complete: {string.Join(", ", read.Complete)}");
        host.Out.WriteLine(read.Value.ValueKind == JsonValueKind.Undefined ? "null" : read.Value.GetRawText());
        return ExitCodes.Success;
    }

    internal static async Task<JsonElement> ReadSchemaAsync(CliHost host, string path, CancellationToken cancellationToken)
    {
        var text = await ReadFileAsync(host, path, "schema", cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.True
                ? document.RootElement.Clone()
                : throw new CliUsageException($"The schema {path} is not a JSON Schema object (it is {document.RootElement.ValueKind}).");
        }
        catch (JsonException exception)
        {
            throw new CliUsageException($"The schema {path} is not valid JSON at line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}: {exception.Message.Split(" Path:", 2)[0]}");
        }
    }

    private static async Task<string> ReadFileAsync(CliHost host, string path, string what, CancellationToken cancellationToken)
    {
        var full = host.FullPath(path);
        try
        {
            return await File.ReadAllTextAsync(full, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the {what} file {full}: {exception.Message}");
        }
    }
}
