using BenchmarkDotNet.Attributes;
using HandlebarsDotNet;
using Scriban;
using Scriban.Runtime;

namespace PromptGen.Benchmarks;

/// <summary>
/// One RAG-style prompt — member paths (<c>ticket.Customer.Name</c>, <c>doc.Source.Name</c>), a conditional and a
/// 10-item loop with an index — rendered from the same object graph by the code PromptGen's generator emits for
/// <see cref="IKnowledgeBase"/>, by Scriban and by Handlebars.Net (both parsed or compiled once in setup, as their
/// documentation recommends). Setup checks that every row produces exactly the same text.
/// </summary>
[MemoryDiagnoser]
public class TemplateLanguageBenchmarks
{
    private const string ScribanTemplate = """
        Customer: {{ ticket.Customer.Name }}{{ if ticket.Customer.IsVip }} (VIP){{ end }}
        Question: {{ ticket.Question }}
        {{~ for doc in ticket.Documents ~}}
        [{{ for.index }}] {{ doc.Title }} ({{ doc.Source.Name }})
        {{ doc.Body }}
        {{~ end ~}}
        Answer in {{ ticket.Language }}.
        """;

    private const string HandlebarsTemplate = """
        Customer: {{Customer.Name}}{{#if Customer.IsVip}} (VIP){{/if}}
        Question: {{Question}}
        {{#each Documents}}
        [{{@index}}] {{Title}} ({{Source.Name}})
        {{Body}}
        {{/each}}
        Answer in {{Language}}.
        """;

    private readonly Ticket _ticket = new(
        new Customer("Ada Lovelace", IsVip: true),
        "How do I export my invoices as PDF?",
        [.. Enumerable.Range(1, 10).Select(i => new KnowledgeDocument(
            $"Help article {i}",
            $"Step {i}: open Billing, choose the invoices and select Export as PDF.",
            new DocumentSource($"kb/billing-{i}.md")))],
        "English");

    private Template _scriban = null!;
    private TemplateContext _scribanContext = null!;
    private HandlebarsTemplate<object, object> _handlebars = null!;

    /// <summary>Gets the expected text: the generated rendering, checked against the peers in setup.</summary>
    public string Expected { get; private set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _scriban = Template.Parse(ScribanTemplate);
        if (_scriban.HasErrors)
        {
            throw new InvalidOperationException(string.Join("; ", _scriban.Messages));
        }

        var globals = new ScriptObject { ["ticket"] = _ticket };
        _scribanContext = new TemplateContext { MemberRenamer = member => member.Name, StrictVariables = true };
        _scribanContext.PushGlobal(globals);
        _handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true }).Compile(HandlebarsTemplate);

        Expected = Generated();
        Check("Scriban", Scriban());
        Check("Handlebars.Net", HandlebarsNet());
    }

    [Benchmark(Baseline = true, Description = "PromptGen generated render method")]
    public string Generated() => KnowledgeBase.RenderTemplate(_ticket);

    [Benchmark(Description = "Scriban (parsed once, Render)")]
    public string Scriban() => _scriban.Render(_scribanContext);

    [Benchmark(Description = "Handlebars.Net (compiled once)")]
    public string HandlebarsNet() => _handlebars(_ticket);

    private void Check(string who, string text)
    {
        if (text.ReplaceLineEndings("\n") != Expected)
        {
            throw new InvalidOperationException($"Setup: {who} rendered\n{text}\nexpected\n{Expected}");
        }
    }
}
