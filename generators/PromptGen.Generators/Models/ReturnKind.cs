namespace PromptGen.Generators.Models;

/// <summary>What a prompt method returns, which decides the executor call.</summary>
internal enum ReturnKind
{
    /// <summary>The return type is not supported (PG0003).</summary>
    Unsupported,

    /// <summary><c>Task&lt;string&gt;</c> or <c>ValueTask&lt;string&gt;</c>.</summary>
    Text,

    /// <summary><c>Task&lt;PromptResult&lt;string&gt;&gt;</c>.</summary>
    TextResult,

    /// <summary><c>Task&lt;T&gt;</c> for a JSON object type.</summary>
    Json,

    /// <summary><c>Task&lt;PromptResult&lt;T&gt;&gt;</c> for a JSON object type.</summary>
    JsonResult,

    /// <summary><c>IAsyncEnumerable&lt;string&gt;</c>.</summary>
    Stream,

    /// <summary><c>IAsyncEnumerable&lt;PromptPartial&lt;T&gt;&gt;</c> for a JSON object type: the typed value as it is written.</summary>
    JsonStream,

    /// <summary>A typed stream declared another way (<c>IAsyncEnumerable&lt;T&gt;</c>, <c>Task&lt;PromptPartial&lt;T&gt;&gt;</c>); not generated (PG0630).</summary>
    PartialMistake,
}
