namespace PromptGen;

/// <summary>Registers the Claude Code provider.</summary>
public static class ClaudeCodePromptGenBuilderExtensions
{
    /// <summary>Serves <c>max/*</c>, <c>max</c>, <c>opus</c> and <c>claude-code/*</c> through the local Claude Code CLI.</summary>
    /// <param name="builder">The PromptGen builder.</param>
    /// <param name="configure">Adjusts the provider settings.</param>
    /// <returns>The builder.</returns>
    public static PromptGenBuilder AddClaudeCode(this PromptGenBuilder builder, Action<ClaudeCodeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ClaudeCodeOptions();
        configure?.Invoke(options);
        return builder.AddClientFactory(new ClaudeCodeChatClientFactory(options));
    }
}
