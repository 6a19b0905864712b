using PromptGen.Evaluation;

namespace PromptGen.Cli.Tests.TestRunner;

/// <summary>The Wilson interval and Newcombe's difference the baseline comparison decides regressions with.</summary>
public class PassRateTests
{
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(1, 1, 0.20655, 1.0)]
    [InlineData(4, 6, 0.3000, 0.9032)]
    public void Wilson_interval_matches_the_textbook_values(int passed, int runs, double low, double high)
    {
        var rate = PassRate.Of(passed, runs);

        Assert.Equal(low, rate.Low, 3);
        Assert.Equal(high, rate.High, 3);
    }

    [Theory]
    [InlineData(6, 6, 0, 6, true)]   // always passed, now never: beyond chance
    [InlineData(10, 10, 5, 10, true)]
    [InlineData(4, 6, 2, 6, false)]  // a flaky case wobbling
    [InlineData(5, 5, 3, 5, false)]  // too few runs to tell
    [InlineData(1, 1, 0, 5, true)]
    public void A_drop_counts_only_beyond_chance(int passedBefore, int runsBefore, int passedNow, int runsNow, bool significant)
    {
        var (_, high) = PassRate.Difference(PassRate.Of(passedBefore, runsBefore), PassRate.Of(passedNow, runsNow));

        Assert.Equal(significant, high < 0);
    }

    [Fact]
    public void Tolerances_parse_percentages_and_reject_unknown_metrics()
    {
        Assert.Equal(new Tolerances(0.1, 0.2, 0.05), Tolerances.Parse("latency=10%,cost=0.05"));
        Assert.Contains("unknown metric 'speed'", Assert.Throws<EvaluationException>(() => Tolerances.Parse("speed=5%")).Message, StringComparison.Ordinal);
    }
}
