namespace PromptGen.Generators.Templates;

/// <summary>What a template part is beyond literal text and placeholders.</summary>
internal enum TemplateBlock
{
    /// <summary>Literal text or a placeholder.</summary>
    None,

    /// <summary><c>{#if condition}…{:else}…{/if}</c>.</summary>
    If,

    /// <summary><c>{#each items as item}…{/each}</c>.</summary>
    Each,

    /// <summary>A role section marker: <c>{#system}</c>, <c>{#user}</c> or <c>{#assistant}</c>.</summary>
    Role,
}
