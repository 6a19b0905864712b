namespace PromptGen;

/// <summary>
/// Settings of the Claude Code provider (<c>max/*</c>, <c>max</c>, <c>opus</c>, <c>claude-code/*</c>). Every default is
/// listed in <c>docs/claude-code.md</c>.
/// </summary>
public sealed class ClaudeCodeOptions
{
    /// <summary>The environment variable that can point at the <c>claude</c> executable.</summary>
    public const string ExecutableVariable = "PROMPTGEN_CLAUDE_PATH";

    /// <summary>
    /// Gets or sets the path of the <c>claude</c> executable. Default: <c>PROMPTGEN_CLAUDE_PATH</c> if set, else
    /// <c>claude</c> on <c>PATH</c>.
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>
    /// Gets the model each llm_call-style label maps to, for example <c>text-general</c> → <c>sonnet</c>. Case-insensitive.
    /// Labels that are neither listed here nor Claude model names (<c>opus</c>, <c>sonnet</c>, <c>haiku</c>, <c>claude-*</c>)
    /// use <see cref="DefaultModel"/>; they are never passed to <c>--model</c> verbatim.
    /// </summary>
    public IDictionary<string, string> ModelAliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the model for <c>max</c>, <c>max/default</c> and unknown labels. Default: <c>sonnet</c>.</summary>
    public string DefaultModel { get; set; } = "sonnet";

    /// <summary>
    /// Gets or sets the working directory of the CLI. Default: a new empty temporary directory per call, so the CLI reads
    /// no <c>CLAUDE.md</c> or <c>.mcp.json</c> by accident. Set it when MCP servers or <c>@file</c> mentions need a workspace.
    /// </summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// Gets or sets the CLI's configuration directory (<c>CLAUDE_CONFIG_DIR</c>). Default: the user's own, so the
    /// subscription login is used. Tests point it at a private temporary directory.
    /// </summary>
    public string? ConfigDirectory { get; set; }

    /// <summary>Gets or sets how many CLI processes may run at once (each costs ~0.5 CPU-seconds and ~300 MB). Default: the number of cores.</summary>
    public int MaxConcurrentProcesses { get; set; } = System.Environment.ProcessorCount;

    /// <summary>Gets or sets the MCP server configuration (llm_call's <c>mcp_config</c>) as JSON: <c>{"mcpServers":{…}}</c>.</summary>
    public string? McpConfigJson { get; set; }

    /// <summary>Gets or sets the turn limit when MCP tools are on (without tools one turn is used). Default: 10.</summary>
    public int MaxTurnsWithTools { get; set; } = 10;

    /// <summary>Gets or sets the system prompt length, in characters, above which it is passed as a file. Default: 16000.</summary>
    public int SystemPromptFileThreshold { get; set; } = 16_000;

    /// <summary>Gets or sets a value indicating whether the CLI runs with <c>--bare</c> (no hooks, plugins or CLAUDE.md). Default: <see langword="false"/>.</summary>
    public bool Bare { get; set; }

    /// <summary>Gets or sets a value indicating whether extended thinking is switched off (<c>CLAUDE_CODE_DISABLE_THINKING=1</c>). Default: <see langword="true"/>.</summary>
    public bool DisableThinking { get; set; } = true;

    /// <summary>
    /// Gets extra environment variables for the CLI process, for example <c>ANTHROPIC_BASE_URL</c> to point it at a
    /// local server. An empty value removes the variable from the inherited environment. Values are never logged.
    /// </summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
