using System.CommandLine;

namespace PromptGen.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string> Config() => new("--config", "-c")
    {
        Description = $"A JSON configuration file with a PromptGen section (appsettings style). Default: {CliConfiguration.DefaultFileName} in the current directory, if present.",
    };
}
