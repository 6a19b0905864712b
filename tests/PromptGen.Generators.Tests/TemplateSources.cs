namespace PromptGen.Generators.Tests;

/// <summary>Declarations that use the template language: member paths, blocks, roles, history.</summary>
internal static class TemplateSources
{
    public const string Types = """
        public sealed record Customer(string Name, string? Email, bool IsVip);

        public sealed class Line
        {
            public string Sku { get; init; } = "";
            public int Quantity { get; init; }
            public decimal Price;
        }

        public sealed record Order(int Id, Customer Customer, Customer? Referrer, IReadOnlyList<Line> Lines, IEnumerable<string> Tags, decimal Total, decimal? Discount, string? Notes);

        public sealed record Document(string Title, string Body, double Score);
        """;

    public const string Support = $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Shop;

        {{Types}}

        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface ISupport
        {
            [Prompt("Order {order.Id} for {order.Customer.Name}{#if order.Customer.IsVip} (VIP){/if}: {#each order.Lines as line}{line.Quantity} x {line.Sku} at {line.Price:F2}{#if !@last}, {/if}{/each}. Total {order.Total:C2}{#if order.Discount}, discount {order.Discount:F1}{/if}.{#if order.Referrer} Referred by {order.Referrer.Name}.{:else} No referrer.{/if}{#if order.Tags} Tags: {#each order.Tags as tag}{@number}={tag}{#if !@last};{/if}{/each}{/if}{#if order.Notes} Notes: {order.Notes}{/if}")]
            Task<string> SummarizeAsync(Order order, CancellationToken cancellationToken = default);
        }
        """;

    public const string Rag = $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Shop;

        {{Types}}

        [PromptClient(Model = "anthropic/claude-haiku-4-5")]
        public partial interface IRag
        {
            [Prompt(File = "prompts/rag.prompt.md")]
            Task<string> AnswerAsync(string question, IReadOnlyList<Document> documents, bool cite, CancellationToken cancellationToken = default);
        }
        """;

    public const string RagTemplate = """
        Answer the question from the documents.
        {#if documents}
        {#each documents as doc}
        <doc index="{@index}" title="{doc.Title}" score="{doc.Score:F2}">
        {doc.Body}
        </doc>
        {/each}
        {:else}
        There are no documents; say so.
        {/if}
        {#if cite}
        Cite the titles you use.
        {/if}
        Question: {question}
        """;

    public const string Chat = $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using PromptGen;

        namespace Shop;

        {{Types}}

        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface IChat
        {
            [Prompt("{#system}\nYou classify support tickets.\n{#user}\nTicket: refund please\n{#assistant}\nbilling\n{#user}\nTicket: {ticket} {photo}\n")]
            Task<string> ClassifyAsync(string ticket, PromptImage photo, CancellationToken cancellationToken = default);

            [SystemPrompt("You are a support agent for {customer.Name}.")]
            [Prompt("{history}\n{question}")]
            Task<string> ChatAsync(Customer customer, IReadOnlyList<ChatMessage> history, string question, CancellationToken cancellationToken = default);

            [Prompt("{#system}\nList the titles.\n{#user}\n{#each documents as doc}\n- {doc.Title}\n{/each}\n")]
            Task<string> TitlesAsync(IEnumerable<Document> documents, CancellationToken cancellationToken = default);

            [Prompt("Be brief.\n{#user}\n{question}")]
            IAsyncEnumerable<string> StreamAsync(string question, IEnumerable<ChatMessage>? history, CancellationToken cancellationToken = default);
        }
        """;
}
