namespace PromptGen.Benchmarks;

/// <summary>A support ticket with retrieved documents: the model of <see cref="TemplateLanguageBenchmarks"/>.</summary>
public sealed record Ticket(Customer Customer, string Question, IReadOnlyList<KnowledgeDocument> Documents, string Language);

/// <summary>The customer of a <see cref="Ticket"/>.</summary>
public sealed record Customer(string Name, bool IsVip);

/// <summary>A retrieved document.</summary>
public sealed record KnowledgeDocument(string Title, string Body, DocumentSource Source);

/// <summary>Where a document comes from.</summary>
public sealed record DocumentSource(string Name);

/// <summary>
/// A prompt client whose template uses member paths, a conditional and a loop; the generator emits
/// <c>RenderAnswerAsyncPrompt</c>, which <see cref="TemplateLanguageBenchmarks"/> measures.
/// </summary>
[PromptClient(Model = "openai/gpt-4o-mini")]
public partial interface IKnowledgeBase
{
    /// <summary>The PromptGen form of the template every row of <see cref="TemplateLanguageBenchmarks"/> renders.</summary>
    const string Template = """
        Customer: {ticket.Customer.Name}{#if ticket.Customer.IsVip} (VIP){/if}
        Question: {ticket.Question}
        {#each ticket.Documents as doc}
        [{@index}] {doc.Title} ({doc.Source.Name})
        {doc.Body}
        {/each}
        Answer in {ticket.Language}.
        """;

    [Prompt(Template)]
    Task<string> AnswerAsync(Ticket ticket, CancellationToken cancellationToken = default);
}

/// <summary>Exposes the generated render method (the generated class is partial) without calling through the executor.</summary>
public sealed partial class KnowledgeBase
{
    /// <summary>Calls the generated <c>RenderAnswerAsyncPrompt</c>.</summary>
    public static string RenderTemplate(Ticket ticket) => RenderAnswerAsyncPrompt(ticket);
}
