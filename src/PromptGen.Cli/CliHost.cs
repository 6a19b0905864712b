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

    /// <summary>
    /// Gets the one redactor of the run: standard output and error pass through it, the router adds every configured
    /// key and URL credential to it, and the test runner's reports use it.
    /// </summary>
    public SecretRedactor Redactor { get; init; } = new();

    /// <summary>Gets the clock commands measure and wait with (tests pass a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Returns the value of an environment variable, or <see langword="null"/> when it is unset or empty.</summary>
    public string? GetEnvironmentVariable(string name) =>
        EnvironmentVariables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Resolves a path the user typed against the working directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>Writes one diagnostic line to standard error, prefixed with the tool name.</summary>
    public void Note(string message) => Error.WriteLine($"promptgen: {message}");

    /// <summary>
    /// Returns this host with standard output and error behind <see cref="Redactor"/>, which first learns every
    /// environment variable that holds a credential (by name: keys, tokens, secrets, passwords) and any URL credentials.
    /// </summary>
    public CliHost Redacting()
    {
        foreach (var (name, value) in EnvironmentVariables)
        {
            if (s_secretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase)))
            {
                Redactor.Add(value);
            }

            Redactor.AddUrlCredentials(value);
        }

        return new CliHost
        {
            In = In,
            Out = new RedactingWriter(Out, Redactor),
            Error = new RedactingWriter(Error, Redactor),
            EnvironmentVariables = EnvironmentVariables,
            WorkingDirectory = WorkingDirectory,
            Interactive = Interactive,
            Time = Time,
            Redactor = Redactor,
        };
    }

    /// <summary>Passes on any output a redacting writer still holds back.</summary>
    public void Complete()
    {
        (Out as RedactingWriter)?.Complete();
        (Error as RedactingWriter)?.Complete();
    }

    private static readonly string[] s_secretNameParts = ["KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "AUTH"];

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
