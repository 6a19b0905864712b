namespace PromptGen.Generated;

/// <summary>A <c>[PromptExample]</c> of a <see cref="PromptCatalogMethod"/>, checked by the generator at build time.</summary>
/// <param name="name">The case id: the attribute's <c>Name</c>, or <c>Client.Method#n</c>.</param>
/// <param name="arguments">The arguments, a JSON object by parameter name.</param>
/// <param name="expect">The expectations, a JSON array as in a suite's <c>"expect"</c>, or <see langword="null"/>.</param>
/// <param name="file">The source file of the attribute, as the compiler saw it.</param>
/// <param name="line">The 1-based line of the attribute.</param>
public sealed class PromptCatalogExample(string name, string arguments, string? expect, string file, int line)
{
    /// <summary>Gets the case id.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the arguments, a JSON object by parameter name.</summary>
    public string Arguments { get; } = arguments;

    /// <summary>Gets the expectations (a JSON array), or <see langword="null"/> when the example only has to run.</summary>
    public string? Expect { get; } = expect;

    /// <summary>Gets the source file of the attribute.</summary>
    public string File { get; } = file;

    /// <summary>Gets the 1-based line of the attribute.</summary>
    public int Line { get; } = line;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({File}:{Line})";
}
