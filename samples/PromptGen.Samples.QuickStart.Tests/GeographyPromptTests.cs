using PromptGen.Evaluation.Xunit;
using Xunit.Abstractions;

namespace PromptGen.Samples.QuickStart.Tests;

/// <summary>
/// The QuickStart's prompt tests in xUnit: each <c>[PromptExample]</c> of <see cref="IGeography"/> and each case of
/// its suite is one test in Test Explorer and <c>dotnet test</c>. FAIL is an assertion failure, ERROR a test error.
/// </summary>
public sealed class GeographyPromptTests(SimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [PromptExamples(typeof(IGeography))]
    public Task Example(PromptCase example) => example.RunAsync(fixture.Services, output);

    [Theory]
    [PromptSuite("suites/geography.json", Assembly = typeof(IGeography))]
    public Task Suite(PromptCase testCase) => testCase.RunAsync(fixture.Services, output);
}
