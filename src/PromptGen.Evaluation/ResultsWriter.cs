using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PromptGen.Evaluation;

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

        // A reused --out folder must not show the previous run's reports beside this run's results.jsonl: if this run
        // is killed before it writes its own, a CI job reading junit.xml would see the old (perhaps green) results.
        foreach (var report in (string[])[ResultsFile, Reports.JUnitReport.FileName, Reports.MarkdownReport.FileName, Reports.HtmlReport.FileName])
        {
            File.Delete(Path.Combine(directory, report));
        }

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
            CheckIsResults(file, text, fullPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase));
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
            throw new EvaluationException($"--rerun-failed: cannot read results file '{file}': {exception.Message}");
        }

        return keys;
    }

    /// <summary>
    /// A file that is not promptgen's results (a suite, any JSON) would read as "nothing failed" and rerun nothing with
    /// exit 0: every case must carry an id and a known outcome, and results.json a summary.
    /// </summary>
    private static void CheckIsResults(string file, string text, bool lines)
    {
        IEnumerable<string> records = lines || !text.TrimStart().StartsWith('{') ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var count = 0;
        if (!lines && text.TrimStart().StartsWith('{'))
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("summary", out _) || !root.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
            {
                throw NotResults(file, "it has no \"summary\" and \"cases\"");
            }

            records = cases.EnumerateArray().Select(c => c.GetRawText()).ToList();
        }

        foreach (var record in records)
        {
            using var document = JsonDocument.Parse(record);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("outcome", out var outcome) || outcome.GetString() is not (Outcomes.Pass or Outcomes.Fail or Outcomes.Error or Outcomes.Skipped))
            {
                throw NotResults(file, $"case record {count + 1} has no \"id\" and \"outcome\" (PASS, FAIL, ERROR or SKIPPED)");
            }

            count++;
        }

        if (count == 0 && !lines)
        {
            throw NotResults(file, "it holds no case results");
        }
    }

    private static EvaluationException NotResults(string file, string why) =>
        new($"--rerun-failed: '{file}' is not a results file written by 'promptgen test' ({why}). Give the results.json or results.jsonl of an earlier run.");

    public void Dispose() => _lines.Dispose();
}
