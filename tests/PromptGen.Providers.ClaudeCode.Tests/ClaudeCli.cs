using System.Reflection;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>Where the real CLI was installed by the build. A missing binary fails the tests; it is never skipped.</summary>
internal static class ClaudeCli
{
    public static string Path { get; } = typeof(ClaudeCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClaudeCliPath").Value!;

    public static void EnsureInstalled() =>
        Assert.True(File.Exists(Path), $"The Claude Code CLI is not installed at {Path}. Build the test project (it runs 'npm install @anthropic-ai/claude-code') with npm available.");
}
