namespace PromptGen.Evaluation;

/// <summary>
/// What a test run may touch of the outside world: where progress and the summary go, the directory relative paths
/// are resolved against, the run's one redactor and its clock. The <c>promptgen</c> tool passes its console; a test
/// host passes its own writers.
/// </summary>
public sealed class RunHost
{
    /// <summary>Gets the writer the summary goes to (standard output in the tool).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Gets the writer progress and notes go to (standard error in the tool).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Gets the directory suite paths, <c>--out</c> and <c>--rerun-failed</c> are resolved against.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Gets a value indicating whether the writers are a terminal (a live progress bar instead of one line per case).</summary>
    public bool Interactive { get; init; }

    /// <summary>
    /// Gets the run's one redactor: give the router the same one (<see cref="PromptGenOptions.Redactor"/>) so every
    /// configured key is known to it; every report and result passes through it.
    /// </summary>
    public SecretRedactor Redactor { get; init; } = new();

    /// <summary>Gets the clock the run measures latency with (tests pass a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Resolves a path the user typed against <see cref="WorkingDirectory"/>.</summary>
    /// <param name="path">The path as typed.</param>
    /// <returns>The full path.</returns>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>Writes one note line to <see cref="Error"/>, prefixed with the tool name.</summary>
    /// <param name="message">The note.</param>
    public void Note(string message) => Error.WriteLine($"promptgen: {message}");
}
