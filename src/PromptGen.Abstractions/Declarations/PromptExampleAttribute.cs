namespace PromptGen;

/// <summary>
/// An example call of a prompt method, next to its template: the arguments (a JSON object by parameter name) and,
/// optionally, what the result must satisfy. The generator checks it at build time (argument names and types against
/// the parameters, expectation paths against the result type: PG0601–PG0609) and lists it in the assembly's prompt
/// catalog; <c>promptgen test --examples</c> and the xUnit integration run it as a test case.
/// </summary>
/// <remarks>
/// <code>
/// [Prompt("What is the largest city in {country}?")]
/// [PromptExample("""{ "country": "Japan" }""", Expect = """[ { "path": "name", "equals": "Tokyo" } ]""")]
/// Task&lt;City&gt; LargestCityAsync(string country, CancellationToken cancellationToken = default);
/// </code>
/// </remarks>
/// <param name="arguments">The arguments as a JSON object by parameter name, as a suite's <c>"arguments"</c>: every parameter but the cancellation token and <c>PromptCallOptions</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PromptExampleAttribute(string arguments) : Attribute
{
    /// <summary>Gets the arguments: a JSON object by parameter name.</summary>
    public string Arguments { get; } = arguments;

    /// <summary>Gets or sets the case id (unique per method); by default <c>Client.Method#n</c>, n counting from 1.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Gets or sets the expectations, as a suite's <c>"expect"</c>: a JSON array of
    /// <c>{ "path": "member.path", "equals" | "contains" | "atLeast" | "atMost": value }</c> (no path: the whole result).
    /// </summary>
    public string? Expect { get; set; }
}
