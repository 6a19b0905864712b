using System.Text.Json;

namespace PromptGen.Evaluation;

/// <summary>The suite formats the runner reads.</summary>
internal enum SuiteFormat
{
    /// <summary>PromptGen's own format (an object with <c>cases</c>), from JSON or YAML.</summary>
    PromptGen,

    /// <summary>llm_call's <c>test_prompts.json</c>: an array of <c>{ test_case_id, description, llm_config }</c>.</summary>
    LlmCall,
}

/// <summary>A parsed suite file: its JSON tree and where each case starts, for error messages.</summary>
internal sealed class SuiteDocument(string file, string fullPath, SuiteFormat format, JsonDocument document, IReadOnlyList<(int Line, int Column)> casePositions) : IDisposable
{
    /// <summary>Gets the file as the user named it.</summary>
    public string File { get; } = file;

    /// <summary>Gets the full path (images are resolved against its directory).</summary>
    public string FullPath { get; } = fullPath;

    public SuiteFormat Format { get; } = format;

    public JsonElement Root => document.RootElement;

    /// <summary>Gets the 1-based line and column of every element of the case array, in order.</summary>
    public IReadOnlyList<(int Line, int Column)> CasePositions { get; } = casePositions;

    /// <summary>Returns an error located at a case (or the start of the file when unknown).</summary>
    public SuiteLoadException Error(int caseIndex, string message)
    {
        var (line, column) = caseIndex >= 0 && caseIndex < CasePositions.Count ? CasePositions[caseIndex] : (1, 1);
        return SuiteErrors.At(File, line, column, message);
    }

    /// <summary>Starts a case read from element <paramref name="index"/> of the case array; parsers add the rest.</summary>
    public TestCase NewCase(int index, int order, string id, IReadOnlyList<CaseMessage> messages) => new()
    {
        Id = id,
        Index = order,
        File = File,
        SuiteDirectory = Path.GetDirectoryName(FullPath) ?? ".",
        Line = index < CasePositions.Count ? CasePositions[index].Line : 1,
        Column = index < CasePositions.Count ? CasePositions[index].Column : 1,
        Messages = messages,
    };

    public void Dispose() => document.Dispose();
}

/// <summary>Formats suite errors the way compilers do, so editors and CI annotate the line.</summary>
internal static class SuiteErrors
{
    public static SuiteLoadException At(string file, int line, int column, string message) => new(file, line, column, message);
}
