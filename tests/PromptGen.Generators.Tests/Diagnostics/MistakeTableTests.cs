using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace PromptGen.Generators.Tests.Diagnostics;

/// <summary>The "Every mistake caught" table of docs/diagnostics/README.md stays true: rows, tests and code fixes.</summary>
public partial class MistakeTableTests
{
    [Fact]
    public void The_table_lists_at_least_40_mistakes_each_with_an_existing_test_and_each_fix_registered()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 40, $"the table has {rows.Count} rows; the goal is at least 40 distinct mistakes");
        Assert.Equal(rows.Count, rows.Select(r => r.Mistake).Distinct(StringComparer.Ordinal).Count());

        var tests = typeof(MistakeTableTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => t.Name + "." + m.Name))
            .ToHashSet(StringComparer.Ordinal);
        var fixable = typeof(PromptGen.CodeFixes.MakeInterfacePartialFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToHashSet(StringComparer.Ordinal);
        var ids = PromptGen.Generators.Diagnostics.DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var row in rows)
        {
            Assert.True(ids.Contains(row.Id), $"row {row.Number}: {row.Id} is no diagnostic");
            Assert.True(tests.Contains(row.Test), $"row {row.Number}: no test named {row.Test}");
            Assert.Equal(row.Fix, fixable.Contains(row.Id) && row.Fix);
        }

        // Every id with a registered fix says so on at least one row, and every diagnostic appears in the table.
        Assert.Empty(fixable.Except(rows.Where(r => r.Fix).Select(r => r.Id)));
        Assert.Empty(ids.Except(rows.Select(r => r.Id)));
    }

    [Fact]
    public void PG0307_MatchesSchema_without_its_package()
    {
        var source = ModelHarness.Interface(
            """[Prompt("Plan {city}")] [MatchesSchema("schemas/plan.json")] Task<string> PlanAsync(string city, CancellationToken cancellationToken = default);""");
        var result = ModelHarness.Client(source, GeneratorHarness.File("schemas/plan.json", """{ "type": "object" }"""));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0307");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.ToDiagnostic().Severity);
        Assert.Contains("add a reference to it", diagnostic.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("MatchesSchema(\"schemas/plan.json\")", source.Substring(diagnostic.Location!.Start, diagnostic.Location.Length));
    }

    private sealed record Row(int Number, string Id, string Mistake, bool Fix, string Test);

    private static List<Row> Rows()
    {
        var readme = File.ReadAllText(Path.Combine(DiagnosticTests.RepoRoot(), "docs", "diagnostics", "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("## Every mistake caught", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/diagnostics/README.md has no 'Every mistake caught' section");
        return [.. RowPattern().Matches(readme[start..end]).Select(m => new Row(
            int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups["id"].Value,
            m.Groups["what"].Value.Trim(),
            m.Groups["fix"].Value.StartsWith("yes", StringComparison.Ordinal),
            m.Groups["test"].Value))];
    }

    [GeneratedRegex(@"^\| (?<n>\d+) \| (?<id>PG\d{4}) \| (?<what>.+?) \| (?<span>[^|]+) \| (?<fix>yes[^|]*|no) \| `(?<test>[A-Za-z0-9_]+\.[A-Za-z0-9_]+)` \|$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
