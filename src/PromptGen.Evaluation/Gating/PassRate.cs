namespace PromptGen.Evaluation;

/// <summary>
/// A pass rate with its Wilson score interval (95 % by default): the range of true pass rates that <c>passed</c> out of
/// <c>runs</c> is consistent with. Wilson stays inside [0, 1] and is sound for the small run counts of <c>--repeat</c>.
/// </summary>
/// <param name="Passed">Runs that passed.</param>
/// <param name="Runs">Runs that gave a verdict (PASS or FAIL; errors and skips say nothing about the prompt).</param>
/// <param name="Low">The lower bound of the interval.</param>
/// <param name="High">The upper bound of the interval.</param>
internal sealed record PassRate(int Passed, int Runs, double Low, double High)
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959964;

    /// <summary>Gets the observed rate (0 when nothing ran).</summary>
    public double Rate => Runs == 0 ? 0 : (double)Passed / Runs;

    /// <summary>Gets a value indicating whether some runs passed and some failed.</summary>
    public bool Flaky => Passed > 0 && Passed < Runs;

    public static PassRate Of(int passed, int runs, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(passed);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, passed);
        if (runs == 0)
        {
            return new PassRate(0, 0, 0, 1);
        }

        var p = (double)passed / runs;
        var z2 = z * z;
        var denominator = 1 + (z2 / runs);
        var centre = (p + (z2 / (2 * runs))) / denominator;
        var margin = z * Math.Sqrt((p * (1 - p) / runs) + (z2 / (4.0 * runs * runs))) / denominator;
        return new PassRate(passed, runs, Math.Max(0, centre - margin), Math.Min(1, centre + margin));
    }

    /// <summary>
    /// Newcombe's hybrid score interval for <c>current − baseline</c>, built from the two Wilson intervals: an upper
    /// bound below 0 means the rate dropped beyond what chance explains, a lower bound above 0 that it rose.
    /// </summary>
    public static (double Low, double High) Difference(PassRate baseline, PassRate current)
    {
        var d = current.Rate - baseline.Rate;
        var low = d - Math.Sqrt(Square(current.Rate - current.Low) + Square(baseline.High - baseline.Rate));
        var high = d + Math.Sqrt(Square(current.High - current.Rate) + Square(baseline.Rate - baseline.Low));
        return (low, high);

        static double Square(double x) => x * x;
    }

    public override string ToString() => Runs == 0 ? "no verdicts" : $"{Passed}/{Runs} [{Low:0.00}–{High:0.00}]";
}
