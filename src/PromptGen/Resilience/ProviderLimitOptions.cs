namespace PromptGen;

/// <summary>
/// A request and token budget of a provider (<c>openai</c>), a model (<c>openai/gpt-4o</c>) or a key: configured once in
/// <see cref="PromptGenOptions.Limits"/> and enforced before every request, across every instance when PromptGen.Redis is
/// registered (in this process otherwise). A request whose budget is spent waits for it when that fits in the call's
/// deadline, or falls over to the next model at once. See docs/scale-out.md.
/// </summary>
public sealed record ProviderLimitOptions
{
    /// <summary>Gets or sets the requests allowed per minute, or <see langword="null"/> for no request budget.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// Gets or sets the tokens allowed per minute, or <see langword="null"/> for no token budget. A request takes an
    /// estimate of its input tokens up front (a quarter of the characters); the output tokens it used are charged after.
    /// </summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a request waits for its budget when the wait fits in the call's deadline.
    /// When <see langword="false"/>, a spent budget falls over to the next model at once. Default: <see langword="true"/>.
    /// </summary>
    public bool WaitForBudget { get; set; } = true;

    /// <summary>Gets or sets the window the budgets refill over. Default: one minute (the budgets are per minute).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Returns the problems of these options, each with how to fix it.</summary>
    /// <param name="name">The key the limit is configured under, named in the problems.</param>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate(string name)
    {
        List<string> problems = [];
        if (RequestsPerMinute is <= 0)
        {
            problems.Add($"Limits:{name}:RequestsPerMinute is {RequestsPerMinute}; it must be positive (or left out for no request budget).");
        }

        if (TokensPerMinute is <= 0)
        {
            problems.Add($"Limits:{name}:TokensPerMinute is {TokensPerMinute}; it must be positive (or left out for no token budget).");
        }

        if (Window <= TimeSpan.Zero)
        {
            problems.Add($"Limits:{name}:Window is {Window}; it must be positive, for example 00:01:00.");
        }

        return problems;
    }
}
