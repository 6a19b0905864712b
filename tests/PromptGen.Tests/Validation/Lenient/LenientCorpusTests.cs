using System.Text.Json;
using PromptGen.Validation;
using Xunit.Abstractions;

namespace PromptGen.Tests.Validation.Lenient;

/// <summary>The shared corpus as a test set: every A, B and must_fail case right, and at least 95 % of all cases.</summary>
public class LenientCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Ids() => [.. LenientCorpus.Cases.Where(c => c.Category != "C" || c.Kind == "must_fail").Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_extraction_repair_and_must_fail_case_is_right(string id)
    {
        var @case = LenientCorpus.Cases.Single(c => c.Id == id);
        var (right, detail) = Run(@case);
        Assert.True(right, detail);
    }

    [Fact]
    public void At_least_95_percent_of_the_corpus_is_right()
    {
        var results = LenientCorpus.Cases.Select(c => (Case: c, Result: Run(c))).ToList();
        foreach (var group in results.GroupBy(r => r.Case.Kind == "must_fail" ? "must_fail" : r.Case.Category).OrderBy(g => g.Key))
        {
            output.WriteLine($"{group.Key}: {group.Count(r => r.Result.Right)}/{group.Count()}");
        }

        foreach (var (@case, (right, detail)) in results.Where(r => !r.Result.Right))
        {
            output.WriteLine($"WRONG {@case.Id} [{@case.Category}]: {detail}");
        }

        var score = results.Count(r => r.Result.Right);
        output.WriteLine($"total: {score}/{results.Count}");
        Assert.True(score * 100 >= results.Count * 95, $"{score}/{results.Count} right; at least 95 % required.");
    }

    private static (bool Right, string Detail) Run(CorpusCase @case)
    {
        var json = JsonExtractor.Extract(@case.Raw, @case.Schema);
        if (@case.Kind == "must_fail")
        {
            return json.Success ? (false, $"must fail but gave {json.Json} after {string.Join("; ", json.Repairs)}") : (!string.IsNullOrWhiteSpace(json.Error), json.Error ?? "no error");
        }

        if (!json.Success)
        {
            return (false, $"failed: {json.Error}");
        }

        return LenientCorpus.SameJson(json.Value, @case.Expected!.Value)
            ? (true, string.Empty)
            : (false, $"gave {json.Json}, expected {JsonSerializer.Serialize(@case.Expected)}; repairs: {string.Join("; ", json.Repairs)}");
    }
}
