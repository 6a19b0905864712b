namespace PromptGen.Evaluation;

/// <summary>Aggregates case results: counts, pass rate, latency percentiles (nearest rank), tokens, cost.</summary>
internal static class RunStatistics
{
    public static RunSummary Summarise(IReadOnlyList<CaseResult> results, double wallMs, bool interrupted)
    {
        var ran = results.Where(r => r.Outcome != Outcomes.Skipped).ToList();
        var passed = results.Count(r => r.Outcome == Outcomes.Pass);
        var costs = ran.Where(r => r.InputTokens + r.OutputTokens > 0).Select(r => r.CostUsd).ToList();
        return new RunSummary
        {
            Total = results.Count,
            Passed = passed,
            Failed = results.Count(r => r.Outcome == Outcomes.Fail),
            Errors = results.Count(r => r.Outcome == Outcomes.Error),
            Skipped = results.Count(r => r.Outcome == Outcomes.Skipped),
            PassRate = ran.Count == 0 ? 0 : Math.Round((double)passed / ran.Count, 4),
            Interrupted = interrupted,
            WallMs = Math.Round(wallMs, 1),
            Latency = Latency(ran.Select(r => r.LatencyMs)),
            TimeToFirstToken = Latency(ran.Where(r => r.TimeToFirstTokenMs is not null).Select(r => r.TimeToFirstTokenMs!.Value)),
            RateLimitWaits = results.Sum(r => r.RateLimitWaits),
            CacheHits = results.Sum(r => r.Attempts.Count(a => a.Kind == nameof(AttemptKind.Cached))),
            Spread = Spread(ran),
            InputTokens = results.Sum(r => r.InputTokens),
            OutputTokens = results.Sum(r => r.OutputTokens),

            // A cost is only reported when every case that used tokens has a price; a partial sum would understate it.
            CostUsd = costs.Count > 0 && costs.All(c => c is not null) ? costs.Sum() : null,
            Retries = results.Sum(r => r.Retries),
            Reasks = results.Sum(r => r.Reasks),
            Fallbacks = results.Sum(r => r.Fallbacks),
        };
    }

    /// <summary>Per case id (over its repeats): runs, passes and the judge-score spread; only cases that repeated or were scored.</summary>
    public static IReadOnlyList<CaseSpread>? Spread(IReadOnlyList<CaseResult> ran)
    {
        var spread = new List<CaseSpread>();

        // In a model matrix a case runs once per model: each model's runs are their own row, not repeats of one another.
        var matrix = ran.GroupBy(r => r.Id, StringComparer.Ordinal).Any(g => g.Select(r => r.Model).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1);
        foreach (var runs in ran.GroupBy(r => matrix ? $"{r.Id} @ {r.Model}" : r.Id, StringComparer.Ordinal))
        {
            var scores = runs.SelectMany(r => r.JudgeScores ?? []).ToArray();
            var count = runs.Count();
            if (count < 2 && scores.Length == 0)
            {
                continue;
            }

            double? mean = scores.Length == 0 ? null : scores.Average();
            double? deviation = mean is { } m ? Math.Sqrt(scores.Sum(s => (s - m) * (s - m)) / scores.Length) : null;
            spread.Add(new CaseSpread(
                runs.Key,
                count,
                runs.Count(r => r.Outcome == Outcomes.Pass),
                scores.Length,
                scores.Length == 0 ? null : scores.Min(),
                mean is null ? null : Math.Round(mean.Value, 4),
                scores.Length == 0 ? null : scores.Max(),
                deviation is null ? null : Math.Round(deviation.Value, 4)));
        }

        return spread.Count == 0 ? null : spread;
    }

    public static LatencySummary? Latency(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        return new LatencySummary(sorted[0], Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least p% of the values at or below it.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
