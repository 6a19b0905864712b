namespace PromptGen.Evaluation;

/// <summary>One results file given to <c>promptgen report merge</c>.</summary>
internal sealed record ShardInput(string File, RunResults Run)
{
    public RunIdentity Identity => Run.Run ?? throw new EvaluationException($"'{File}' has no \"run\" section (suites, shard): it was written by an older promptgen test; rerun the shard.");
}

/// <summary>
/// Merges the results of <c>--shard i/n</c> runs into the results of the whole run: the same suites, selection, repeat
/// and models; every shard once. Cases go back to the order of the unsharded run (shards deal cases round-robin).
/// </summary>
internal static class ShardMerger
{
    public static RunResults Merge(IReadOnlyList<ShardInput> inputs)
    {
        if (inputs.Count == 0)
        {
            throw new EvaluationException("report merge: give the results.json of every shard.");
        }

        var first = inputs[0];
        var count = 0;
        var seen = new Dictionary<int, string>();
        foreach (var input in inputs)
        {
            var identity = input.Identity;
            var shard = identity.ParsedShard ?? throw new EvaluationException($"report merge: '{input.File}' is not a shard (it was run without --shard); merge only the results of --shard i/n runs.");
            Same(first, input, "suites", string.Join(", ", first.Identity.Suites), string.Join(", ", identity.Suites));
            Same(first, input, "suite cases (the suite files differ: a case was added, removed or renamed)", first.Identity.SuiteFingerprint[..12], identity.SuiteFingerprint[..12]);
            Same(first, input, "--filter", string.Join(" ", first.Identity.Filters), string.Join(" ", identity.Filters));
            Same(first, input, "--repeat", first.Identity.Repeat.ToString(System.Globalization.CultureInfo.InvariantCulture), identity.Repeat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Same(first, input, "--models", string.Join(",", first.Identity.Models ?? []), string.Join(",", identity.Models ?? []));
            count = count == 0 ? shard.Count : count;
            if (shard.Count != count)
            {
                throw new EvaluationException($"report merge: '{first.File}' is a shard of {count} but '{input.File}' is shard {identity.Shard}: shards of different splits overlap. Merge the shards of one split.");
            }

            if (!seen.TryAdd(shard.Index, input.File))
            {
                throw new EvaluationException($"report merge: '{seen[shard.Index]}' and '{input.File}' are both shard {shard.Index}/{count}: the shards overlap. Give each shard once.");
            }
        }

        var missing = Enumerable.Range(1, count).Where(i => !seen.ContainsKey(i)).ToList();
        if (missing.Count > 0)
        {
            throw new EvaluationException($"report merge: shard(s) {string.Join(", ", missing.Select(i => $"{i}/{count}"))} missing; the merged results would leave their cases out. Give the results of all {count} shards.");
        }

        var cases = new List<CaseResult>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var index = input.Identity.ParsedShard!.Value.Index;
            foreach (var result in input.Run.Cases)
            {
                var key = $"{result.Key}\u0000{result.Model}";
                if (!keys.TryAdd(key, input.File))
                {
                    throw new EvaluationException($"report merge: case '{result.Key}' is in both '{keys[key]}' and '{input.File}': the shards overlap.");
                }

                // Shard i of n ran cases i-1, i-1+n, i-1+2n, … of the whole selection, re-numbered from 0.
                cases.Add(result with { Index = index - 1 + (result.Index * count) });
            }
        }

        var ordered = cases.OrderBy(c => c.Index).ToList();
        var summary = RunStatistics.Summarise(ordered, inputs.Max(i => i.Run.Summary.WallMs), inputs.Any(i => i.Run.Summary.Interrupted));
        var identityOut = first.Identity with { Shard = null };
        return new RunResults(first.Run.Suite, inputs.Min(i => i.Run.StartedAt), summary, ordered) { Run = identityOut };
    }

    private static void Same(ShardInput first, ShardInput other, string what, string a, string b)
    {
        if (!string.Equals(a, b, StringComparison.Ordinal))
        {
            throw new EvaluationException($"report merge: '{first.File}' and '{other.File}' are runs of different {what}: '{a}' vs '{b}'. Merge only shards of one run.");
        }
    }
}
