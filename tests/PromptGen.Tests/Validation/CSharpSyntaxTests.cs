using Microsoft.Extensions.DependencyInjection;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

public class CSharpSyntaxTests
{
    [Theory]
    [InlineData("public static int Double(int x) => x * 2;", true)]
    [InlineData("```csharp\nclass C { void M() { var s = \"日本\"; } }\n```", true)]
    [InlineData("Console.WriteLine(\"top-level\");", true)]
    [InlineData("class C { void M( { }", false)]
    [InlineData("int x = ;", false)]
    public async Task Roslyn_parses_the_code_registered_through_the_builder(string answer, bool valid)
    {
        var services = new ServiceCollection();
        services.AddPromptGen().AddCSharpSyntaxValidation();
        await using var provider = services.BuildServiceProvider();

        var result = await new CodeSyntaxRule(CodeLanguage.CSharp).ValidateAsync(new ValidationContext(answer) { Services = provider }, default);

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Matches(@"^CSharp syntax error: line \d+, column \d+: .+ \(CS\d{4}\)$", e));
    }

    [Fact]
    public void Errors_are_capped_for_huge_garbage() =>
        Assert.Equal(10, new CSharpSyntaxChecker().Check(string.Concat(Enumerable.Repeat("}{ ;; int = ", 5000))).Count);
}
