using System.Collections;

namespace PromptGen.Cli;

/// <summary>
/// What a command may touch of the outside world: the three standard streams, the environment variables and the
/// working directory. Tests pass their own so that nothing depends on the machine the tests run on.
/// </summary>
internal sealed class CliHost
{
    public required TextReader In { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Gets the environment variables (a snapshot; tests pass a dictionary of their own).</summary>
    public required IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; }

    /// <summary>Gets the directory relative paths and <c>promptgen.json</c> are looked up in.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Gets a value indicating whether standard output and error are a terminal (live progress instead of plain lines).</summary>
    public bool Interactive { get; init; }

    /// <summary>Gets the clock commands measure and wait with (tests pass a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Returns the value of an environment variable, or <see langword="null"/> when it is unset or empty.</summary>
    public string? GetEnvironmentVariable(string name) =>
        EnvironmentVariables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Resolves a path the user typed against the working directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>Writes one diagnostic line to standard error, prefixed with the tool name.</summary>
    public void Note(string message) => Error.WriteLine($"promptgen: {message}");

    /// <summary>Snapshots the process environment.</summary>
    public static IReadOnlyDictionary<string, string> ReadProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return variables;
    }
}
