using Microsoft.Extensions.AI;
using PromptGen.Validation;

namespace PromptGen.Evaluation;

/// <summary>One message of a case; images are paths relative to the suite file (or URLs) resolved when the case runs.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Text">The text.</param>
/// <param name="Images">Image references: paths relative to the suite file, or http(s) URLs.</param>
internal sealed record CaseMessage(ChatRole Role, string Text, IReadOnlyList<string> Images);

/// <summary>One case of a suite, in suite order, whatever format it came from.</summary>
internal sealed record TestCase
{
    /// <summary>Gets the case id (unique in its suite).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the position of the case in the suite (0-based), the order results are reported in.</summary>
    public required int Index { get; init; }

    /// <summary>Gets the suite file, as the user named it.</summary>
    public required string File { get; init; }

    /// <summary>Gets the directory of the suite file, which image paths are relative to.</summary>
    public string SuiteDirectory { get; init; } = ".";

    /// <summary>Gets the 1-based line of the case in its file.</summary>
    public required int Line { get; init; }

    /// <summary>Gets the 1-based column where the case starts on <see cref="Line"/>.</summary>
    public int Column { get; init; } = 1;

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the tags (for <c>--filter tag:x</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the model id or alias, or <see langword="null"/> for the configured default.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the messages sent.</summary>
    public required IReadOnlyList<CaseMessage> Messages { get; init; }

    /// <summary>Gets a directory (relative to the suite file) image file names are also looked up in (llm_call's <c>image_directory</c>).</summary>
    public string? ImageDirectory { get; init; }

    /// <summary>Gets the rules the answer must pass.</summary>
    public IReadOnlyList<ResponseRule> Rules { get; init; } = [];

    /// <summary>Gets a readable name per rule (<c>string_check contains "Paris"</c>), parallel to <see cref="Rules"/>.</summary>
    public IReadOnlyList<string> RuleNames { get; init; } = [];

    /// <summary>Gets the re-ask budget, or <see langword="null"/> for the configured one.</summary>
    public int? Reasks { get; init; }

    /// <summary>Gets the maximum output tokens.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets a value indicating whether the answer is streamed (time to first token is recorded); <see langword="null"/> for the run's default (<c>--stream</c>).</summary>
    public bool? Stream { get; init; }

    /// <summary>Gets why the case is skipped, or <see langword="null"/> to run it.</summary>
    public string? Skip { get; init; }

    /// <summary>Gets fields of the case that were read but have no effect in PromptGen (reported by --dry-run).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Gets the repetition number (0-based) under <c>--repeat</c>.</summary>
    public int Repeat { get; init; }

    /// <summary>Gets the answer to validate without calling a model: the text of a final assistant message, if any.</summary>
    public string? GivenAnswer => Messages.Count > 0 && Messages[^1].Role == ChatRole.Assistant ? Messages[^1].Text : null;

    /// <summary>Gets the key results are matched by in <c>--rerun-failed</c>.</summary>
    public string Key => Repeat == 0 ? Id : $"{Id}#{Repeat + 1}";
}
