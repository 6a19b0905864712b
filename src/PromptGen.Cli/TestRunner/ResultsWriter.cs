using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PromptGen.Cli.TestRunner;

/// <summary>
/// The source of truth: <c>results.jsonl</c> gets one line per case the moment it finishes (flushed, so Ctrl+C or a
/// crash loses nothing finished); <c>results.json</c> is written at the end, in suite order, with the summary.
/// </summary>
internal sealed class ResultsWriter : IDisposable
{
    public const string LinesFile = "results.jsonl";
    public const string ResultsFile = "results.json";

    private static readonly JsonSerializerOptions s_options = new(TestJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonTypeInfo<CaseResult> s_case = (JsonTypeInfo<CaseResult>)s_options.GetTypeInfo(typeof(CaseResult));
    private static readonly JsonTypeInfo<RunResults> s_run = (JsonTypeInfo<RunResults>)new JsonSerializerOptions(s_options) { WriteIndented = true }.GetTypeInfo(typeof(RunResults));

    private readonly StreamWriter _lines;

    public ResultsWriter(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        _lines = new StreamWriter(Path.Combine(directory, LinesFile), append: false, new UTF8Encoding(false));
    }

    public string Directory { get; }

    /// <summary>Appends one finished case and flushes it to the file.</summary>
    public void Append(CaseResult result)
    {
        _lines.WriteLine(JsonSerializer.Serialize(result, s_case));
        _lines.Flush();
    }

    public string WriteResults(RunResults results)
    {
        var path = Path.Combine(Directory, ResultsFile);
        File.WriteAllText(path, JsonSerializer.Serialize(results, s_run), new UTF8Encoding(false));
        return path;
    }

    /// <summary>Reads the keys of FAIL and ERROR cases from a results.json or results.jsonl (for --rerun-failed).</summary>
    public static HashSet<string> ReadFailedKeys(string file, string fullPath)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var text = File.ReadAllText(fullPath);
            IEnumerable<CaseResult?> cases = text.TrimStart().StartsWith('{') && !fullPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                ? JsonSerializer.Deserialize(text, s_run)?.Cases ?? []
                : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonSerializer.Deserialize(line, s_case));
            foreach (var result in cases)
            {
                if (result is { Outcome: Outcomes.Fail or Outcomes.Error })
                {
                    keys.Add(result.Id);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliUsageException($"--rerun-failed: cannot read results file '{file}': {exception.Message}");
        }

        return keys;
    }

    public void Dispose() => _lines.Dispose();
}
