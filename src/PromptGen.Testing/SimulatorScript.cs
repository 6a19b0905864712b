using System.Text.RegularExpressions;

namespace PromptGen.Testing;

/// <summary>
/// The simulator's rules, evaluated in order; the first that matches answers. When none matches, the default reply is
/// sent. Thread-safe: rules can be added while the simulator runs.
/// </summary>
public sealed partial class SimulatorScript
{
    private readonly Lock _gate = new();
    private readonly List<SimulatorRule> _rules = [];

    /// <summary>Gets the default reply when no rule matches; <c>{user}</c> is replaced by the last user text. Default: <c>Simulated reply to: {user}</c>.</summary>
    public string DefaultReply { get; set; } = "Simulated reply to: {user}";

    /// <summary>Gets a snapshot of the rules, in evaluation order.</summary>
    public IReadOnlyList<SimulatorRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Adds a rule matching a model (exact or <c>*</c> glob, case-insensitive) and/or text in the user's prompt (see <see cref="SimulatorRule.UserContains"/>).</summary>
    /// <param name="model">The model pattern, or <see langword="null"/> for any.</param>
    /// <param name="userContains">Text the first or the last user message must contain (case-insensitive; every text block of the message), or <see langword="null"/>.</param>
    /// <returns>A builder for the rule's answer.</returns>
    public SimulatorRuleBuilder When(string? model = null, string? userContains = null) =>
        Add(new SimulatorRule { Model = model, UserContains = userContains });

    /// <summary>Adds a rule matching the first or the last user message (every text block) against a regular expression.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="model">The model pattern, or <see langword="null"/> for any.</param>
    /// <returns>A builder for the rule's answer.</returns>
    public SimulatorRuleBuilder WhenUserMatches(string pattern, string? model = null) =>
        Add(new SimulatorRule { Model = model, UserPattern = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) });

    /// <summary>Adds a rule matching every request.</summary>
    /// <returns>A builder for the rule's answer.</returns>
    public SimulatorRuleBuilder Always() => Add(new SimulatorRule());

    /// <summary>Appends the rules of another script (and takes its default reply).</summary>
    /// <param name="other">The script.</param>
    public void AddRules(SimulatorScript other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var rules = other.Rules;
        lock (_gate)
        {
            _rules.AddRange(rules);
        }

        DefaultReply = other.DefaultReply;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal SimulatorRule? Match(RecordedRequest request)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Matches(request) && rule.TryConsume())
                {
                    return rule;
                }
            }
        }

        return null;
    }

    private SimulatorRuleBuilder Add(SimulatorRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return new SimulatorRuleBuilder(rule);
    }
}
