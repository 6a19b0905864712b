using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Cli;

/// <summary>
/// The configuration a command runs with: a JSON file (<c>--config</c>, else <c>promptgen.json</c> in the working
/// directory) overlaid by <c>PromptGen__*</c> environment variables; and the services built from it.
/// </summary>
internal sealed class CliConfiguration
{
    /// <summary>The file looked for in the working directory when <c>--config</c> is not given.</summary>
    public const string DefaultFileName = "promptgen.json";

    /// <summary>The variables that mean "a real provider is configured"; with none of them and no file, ask goes offline.</summary>
    public static readonly string[] ProviderVariables = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OLLAMA_HOST", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"];

    private const string EnvironmentPrefix = PromptGenOptions.SectionName + "__";

    private readonly Dictionary<string, (int Line, int Column)> _positions;

    private CliConfiguration(IConfiguration configuration, string? file, CliHost host, Dictionary<string, (int Line, int Column)> positions)
    {
        Configuration = configuration;
        File = file;
        Host = host;
        _positions = positions;
    }

    /// <summary>Gets the merged configuration.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Gets the configuration file used, as the user wrote it (or its name when found by default), if any.</summary>
    public string? File { get; }

    /// <summary>Gets the host the configuration was read from.</summary>
    public CliHost Host { get; }

    /// <summary>Gets a value indicating whether neither a configuration file nor a provider environment variable was found.</summary>
    public bool NothingConfigured => File is null && !ProviderVariables.Any(v => Host.GetEnvironmentVariable(v) is not null);

    /// <summary>Reads the configuration.</summary>
    /// <param name="explicitFile">The <c>--config</c> value, if given.</param>
    /// <param name="host">The host.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="CliUsageException">The file is missing, unreadable or not valid JSON; the message names it.</exception>
    public static CliConfiguration Load(string? explicitFile, CliHost host)
    {
        var builder = new ConfigurationBuilder();
        string? file = explicitFile ?? (System.IO.File.Exists(host.FullPath(DefaultFileName)) ? DefaultFileName : null);
        var positions = new Dictionary<string, (int Line, int Column)>();
        if (file is not null)
        {
            var bytes = ReadJson(file, host.FullPath(file));
            positions = ConfigurationFileKeys.Check(file, bytes);
            builder.AddJsonStream(new MemoryStream(bytes));
        }

        // PromptGen__DefaultModel=... style variables override the file, as in any .NET app.
        var fromEnvironment = host.EnvironmentVariables
            .Where(v => v.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), v.Value));
        builder.AddInMemoryCollection(fromEnvironment);
        return new CliConfiguration(builder.Build(), file, host, positions);
    }

    private static readonly string[] s_claudeCodeVariables =
        ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CONFIG_DIR", "HOME"];

    /// <summary>Builds the services: PromptGen with the OpenAI, Anthropic and Claude Code providers.</summary>
    /// <param name="configure">Adjusts the options after configuration (for example to point providers at the simulator).</param>
    /// <param name="transport">The HTTP transport under every provider, if not the default.</param>
    /// <returns>The service provider; dispose it to release the router.</returns>
    /// <exception cref="CliUsageException">The configuration has an unknown key or an unreadable value; the message names the file.</exception>
    public ServiceProvider BuildServices(Action<PromptGenOptions>? configure = null, HttpMessageHandler? transport = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Host.Time);
        try
        {
            var builder = services.AddPromptGen(Configuration, options =>
                {
                    options.EnvironmentVariables = Host.GetEnvironmentVariable;
                    options.Redactor = Host.Redactor;
                    configure?.Invoke(options);
                })
                .AddOpenAI()
                .AddAnthropic()
                .AddClaudeCode(ConfigureClaudeCode);
            if (transport is not null)
            {
                builder.UseHttpTransport(transport);
            }

            builder.AddImageSharp();
        }
        catch (PromptConfigurationException exception)
        {
            var where = File is null ? "PromptGen__* environment variables" : $"configuration file '{File}'{Position(exception.Message)}";
            throw new CliUsageException($"Error in {where}: {exception.Message}");
        }

        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The Claude Code CLI inherits the tool's environment; variables the tool was given explicitly (tests, embedding
    /// hosts) are passed on so <c>ANTHROPIC_BASE_URL</c> and friends reach it either way.
    /// </summary>
    private void ConfigureClaudeCode(ClaudeCodeOptions options)
    {
        options.ExecutablePath = Host.GetEnvironmentVariable(ClaudeCodeOptions.ExecutableVariable);
        foreach (var name in s_claudeCodeVariables)
        {
            if (Host.GetEnvironmentVariable(name) is { } value)
            {
                options.Environment[name] = value;
            }
        }
    }

    private static byte[] ReadJson(string shown, string fullPath)
    {
        byte[] bytes;
        if (Directory.Exists(fullPath))
        {
            throw new CliUsageException($"Configuration file '{shown}' is a directory ({fullPath}); give --config the path of a JSON file, for example {Path.Combine(shown, DefaultFileName)}.");
        }

        try
        {
            bytes = System.IO.File.ReadAllBytes(fullPath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliUsageException($"Configuration file '{shown}' was not found (looked for {fullPath}). Check the path given to --config.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Configuration file '{shown}' cannot be read: {exception.Message}");
        }

        try
        {
            // The same leniency as Microsoft.Extensions.Configuration.Json, but with the line number in the message.
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliUsageException($"Configuration file '{shown}' must contain a JSON object, for example {{ \"PromptGen\": {{ \"DefaultModel\": \"openai/gpt-4o-mini\" }} }}.");
            }
        }
        catch (JsonException exception)
        {
            var message = exception.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new CliUsageException($"Configuration file '{shown}' ({exception.LineNumber + 1},{exception.BytePositionInLine + 1}) is not valid JSON: {(cut > 0 ? message[..cut] : message)} Fix the syntax or point --config at another file.");
        }

        return bytes;
    }

    /// <summary>The line and column of the setting a binding error names ('PromptGen:Aliases:fast'), or of its nearest parent in the file.</summary>
    private string Position(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "'(" + PromptGenOptions.SectionName + "(?::[^']*)?)'", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        for (var path = match.Success ? match.Groups[1].Value.TrimEnd(':') : null; !string.IsNullOrEmpty(path); path = path.Contains(':', StringComparison.Ordinal) ? path[..path.LastIndexOf(':')] : null)
        {
            if (_positions.TryGetValue(path, out var at))
            {
                return $" ({at.Line},{at.Column})";
            }
        }

        return string.Empty;
    }
}
