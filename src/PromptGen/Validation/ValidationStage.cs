namespace PromptGen.Validation;

/// <summary>When a rule runs. Stages run in order; a stage with failures stops the later ones (no judge call for an answer whose structure already failed).</summary>
public enum ValidationStage
{
    /// <summary>Shape of the answer: not empty, JSON, typed fields, schema, field paths, code syntax.</summary>
    Structural,

    /// <summary>Content of the answer: strings, patterns, lengths, keywords, custom validators.</summary>
    Content,

    /// <summary>LLM-as-judge rules; they cost a model call, so they run last.</summary>
    Judge,
}
