namespace PromptGen.Generators.Parsing;

/// <summary>
/// Build-time checks of model ids with the runtime's own grammar (<c>src/Shared/ModelIdGrammar.cs</c>, compiled into
/// both): <c>provider/model[@endpoint]</c>, <c>runpod/{pod}/{model}</c>, <c>max</c>, <c>opus</c>, <c>claude-code/*</c>.
/// A bare word with no '/' is taken as an alias from configuration and is not an error here.
/// </summary>
internal static class ModelIdSyntax
{
    /// <summary>Checks a model id.</summary>
    /// <returns>What is wrong and how to fix it, or <see langword="null"/> when the id is well formed.</returns>
    public static string? Check(string? id)
    {
        var problem = ModelIdGrammar.Parse(id, out _, out var bareWord);
        return bareWord is not null ? null : problem;
    }
}
