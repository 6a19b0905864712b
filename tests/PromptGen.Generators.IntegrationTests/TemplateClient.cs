using Microsoft.Extensions.AI;

namespace PromptGen.Generators.IntegrationTests;

public sealed record Source(string Name);

public sealed record Document(string Title, string Body, Source? Source);

public sealed record Question(string Text, IReadOnlyList<Document> Documents, bool Cite);

public sealed record Shelf(string Name, IEnumerable<string> Books, IReadOnlyList<string>? Tags, decimal? Price, bool? Open, string? Note, Source Owner);

/// <summary>A prompt client that uses the template language: member paths, blocks, role sections and history.</summary>
[PromptClient(Model = "openai/gpt-4o-mini")]
public partial interface IKnowledgeClient
{
    [Prompt(File = "prompts/answer.prompt.md")]
    Task<string> AnswerAsync(Question question, CancellationToken cancellationToken = default);

    [Prompt(File = "prompts/answer.prompt.md")]
    [Model("anthropic/claude-haiku-4-5", MaxOutputTokens = 200)]
    Task<string> AnswerWithClaudeAsync(Question question, CancellationToken cancellationToken = default);

    [Prompt("""
        {#system}
        Classify the ticket as billing, shipping or other. Answer with the label only.
        {#user}
        My card was charged twice.
        {#assistant}
        billing
        {#user}
        The parcel never arrived.
        {#assistant}
        shipping
        {#user}
        {ticket}
        """)]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

    [Prompt("""
        {#system}
        Classify the ticket as billing, shipping or other. Answer with the label only.
        {#user}
        My card was charged twice.
        {#assistant}
        billing
        {#user}
        {ticket}
        """)]
    [Model("anthropic/claude-haiku-4-5", MaxOutputTokens = 20)]
    Task<string> ClassifyWithClaudeAsync(string ticket, CancellationToken cancellationToken = default);

    [SystemPrompt("You are the support agent of {shop}.")]
    [Prompt("""
        {history}
        {question}
        """)]
    Task<string> ChatAsync(string shop, IReadOnlyList<ChatMessage> history, string question, CancellationToken cancellationToken = default);

    [SystemPrompt("You are the support agent of {shop}.")]
    [Prompt("{question}")]
    [Model("anthropic/claude-haiku-4-5", MaxOutputTokens = 100)]
    Task<string> ChatWithClaudeAsync(string shop, IEnumerable<ChatMessage> history, string question, CancellationToken cancellationToken = default);

    [Prompt("""
        {#each shelves as shelf}
        {@number}. {shelf.Name}{#if @first} (first){/if}{#if @last} (last){/if}: {#each shelf.Books as book}{book}{#if !@last}, {/if}{/each}
        {#if shelf.Tags}tags {#each shelf.Tags as tag}[{@index}{tag}{#if @last}!{/if}]{/each}{:else}no tags{/if}; price {#if shelf.Price}{shelf.Price:F2}{:else}n/a{/if}; {#if shelf.Open}open{/if}{#if !shelf.Open}closed{/if}{#if shelf.Note} note={shelf.Note}{/if}; owner {shelf.Owner.Name}
        {/each}
        """)]
    Task<string> ShelvesAsync(IEnumerable<Shelf> shelves, CancellationToken cancellationToken = default);
}
