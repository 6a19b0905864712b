namespace PromptGen.Generators.Templates;

/// <summary>Which diagnostic a template syntax error becomes.</summary>
internal enum TemplateErrorKind
{
    /// <summary>PG0102: a malformed placeholder or tag.</summary>
    Syntax,

    /// <summary>PG0111: a block that is never closed.</summary>
    Unclosed,

    /// <summary>PG0112: a closing tag that closes nothing, or a different block than the one open.</summary>
    Stray,

    /// <summary>PG0113: <c>{:else}</c> outside an <c>{#if}</c>, or a second one.</summary>
    Else,
}
