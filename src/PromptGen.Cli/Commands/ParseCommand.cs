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
        var command = new Command("parse", "Read a model's answer that is almost JSON against a JSON Schema: print the recovered value and every repair, or where it broke.")
        {
            schema, input, strict, noCoerce,
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

    private static async Task<JsonElement> ReadSchemaAsync(CliHost host, string path, CancellationToken cancellationToken)
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
