using System.Text.Json;
using PromptGen.Generated;

namespace PromptGen.Evaluation;

/// <summary>
/// The <c>[PromptExample]</c>s of loaded catalogs as call cases: each is read by the same parser as a suite's
/// <c>"call"</c> case (arguments bound to the parameter types, expectation paths checked), located at its attribute,
/// with image paths relative to the C# file.
/// </summary>
internal static class ExampleCases
{
    public static IReadOnlyList<TestCase> Load(IReadOnlyList<PromptCatalog> catalogs)
    {
        var cases = new List<TestCase>();
        foreach (var method in catalogs.SelectMany(c => c.Methods))
        {
            foreach (var example in method.Examples)
            {
                cases.Add(Case(method, example, cases.Count, catalogs));
            }
        }

        var duplicate = cases.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var second = duplicate.ElementAt(1);
            throw SuiteErrors.At(second.File, second.Line, second.Column, $"two [PromptExample]s are named '{duplicate.Key}' (the other at {duplicate.First().File}:{duplicate.First().Line}); give each a unique Name");
        }

        return cases;
    }

    private static TestCase Case(PromptCatalogMethod method, PromptCatalogExample example, int order, IReadOnlyList<PromptCatalog> catalogs)
    {
        var call = method.Client + "." + method.Name;
        var text = $"{{\"call\":\"{JsonEncodedText.Encode(call)}\",\"arguments\":{example.Arguments},\"expect\":{example.Expect ?? "[]"}}}";
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw SuiteErrors.At(example.File, example.Line, 1, $"[PromptExample] '{example.Name}' of {method.Key} is not valid JSON ({exception.Message}); rebuild the assembly with PromptGen's generator, which checks it");
        }

        using var document = new SuiteDocument(example.File, example.File, SuiteFormat.PromptGen, json, [(example.Line, 1)]);
        var reader = new CaseReader(document, 0, example.Name);
        var typed = TypedCallParser.Parse(reader, document.Root, call, catalogs, Path.GetDirectoryName(example.File) is { Length: > 0 } directory ? directory : ".");
        return document.NewCase(0, order, example.Name, []) with
        {
            Description = $"[PromptExample] of {method.Key}",
            Tags = ["example"],
            RuleNames = [.. typed.Expectations.Select(e => "expect " + e)],
            Call = typed,
        };
    }
}
