using System.Text.Json;
using PromptGen.Generated;

namespace PromptGen.Evaluation;

/// <summary>
/// Reads a case's <c>call</c>, <c>arguments</c> and <c>expect</c> against the loaded catalogs, so that an unknown
/// method, a missing, extra or mistyped argument, or an expectation on a member the result type does not have fails
/// when the suite loads, with the suite's file, line and column and the nearest name.
/// </summary>
internal static class TypedCallParser
{
    public static TypedCall Parse(CaseReader reader, JsonElement element, string name, IReadOnlyList<PromptCatalog> catalogs, string suiteDirectory)
    {
        var methods = catalogs.SelectMany(c => c.Methods).ToList();
        if (methods.Count == 0)
        {
            throw reader.Error($"\"call\": \"{name}\" names a generated method, but no assembly was loaded; run with --assembly <path to the built .dll> or --project <.csproj>");
        }

        var method = catalogs.Select(c => c.Find(name)).FirstOrDefault(m => m is not null)
            ?? throw reader.Error($"\"call\": no generated method '{name}'{Nearest(name, methods.Select(m => m.Key))}. The loaded assemblies have: {string.Join(", ", methods.Select(m => m.Key))}");

        var given = element.TryGetProperty("arguments", out var a) ? a : default;
        if (given.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Null))
        {
            throw reader.Error($"\"arguments\" must be an object {{ \"parameter\": value }}, not {given.ValueKind}");
        }

        var names = method.Parameters.Select(p => p.Name).ToList();
        if (given.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in given.EnumerateObject().Where(p => !names.Contains(p.Name, StringComparer.Ordinal)))
            {
                throw reader.Error($"\"arguments\": {method.Key} has no parameter '{property.Name}'{Nearest(property.Name, names)}; its parameters are {Signature(method)}");
            }
        }

        var context = new PromptArgumentContext { BaseDirectory = suiteDirectory };
        var arguments = new object?[method.Parameters.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (given.ValueKind != JsonValueKind.Object || !given.TryGetProperty(parameter.Name, out var value))
            {
                throw reader.Error($"\"arguments\": missing '{parameter.Name}' ({parameter.TypeName}) for {method.Key}{Signature(method)}");
            }

            try
            {
                arguments[i] = parameter.Bind(value, context);
            }
            catch (Exception exception) when (exception is FormatException or PromptGenException or ArgumentException)
            {
                throw reader.Error($"\"arguments\": '{parameter.Name}' of {method.Key} is {parameter.TypeName}: {exception.Message}");
            }
        }

        return new TypedCall(method, arguments, Expectations(reader, element, method));
    }

    private static List<Expectation> Expectations(CaseReader reader, JsonElement element, PromptCatalogMethod method)
    {
        var list = new List<Expectation>();
        if (!element.TryGetProperty("expect", out var expect) || expect.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (expect.ValueKind != JsonValueKind.Array)
        {
            throw reader.Error("\"expect\" must be an array of { \"path\", \"equals\" | \"contains\" | \"atLeast\" | \"atMost\" } objects");
        }

        using var schema = method.ResultSchema is { } text ? JsonDocument.Parse(text) : null;
        foreach (var item in expect.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw reader.Error("each \"expect\" item must be an object such as { \"path\": \"name\", \"equals\": \"Tokyo\" }");
            }

            reader.OnlyKnown(item, "an expectation", ["path", .. Expectation.Operators]);
            var path = reader.String(item, "path") ?? string.Empty;
            var operators = Expectation.Operators.Where(o => item.TryGetProperty(o, out _)).ToList();
            if (operators.Count != 1)
            {
                throw reader.Error($"expectation on '{path}' needs exactly one of {string.Join(", ", Expectation.Operators)}");
            }

            CheckPath(reader, method, schema?.RootElement, path);
            list.Add(new Expectation(path, operators[0], item.GetProperty(operators[0]).Clone()));
        }

        return list;
    }

    /// <summary>Walks the path through the result's JSON Schema (its <c>properties</c>, <c>$ref</c>s into <c>$defs</c>).</summary>
    private static void CheckPath(CaseReader reader, PromptCatalogMethod method, JsonElement? schema, string path)
    {
        if (path.Length == 0)
        {
            return;
        }

        if (schema is not { } root)
        {
            throw reader.Error($"expectation path '{path}': {method.Key} returns text ({method.ResultType}), which has no members; leave \"path\" out to check the whole text");
        }

        var node = root;
        var walked = new List<string>();
        foreach (var segment in path.Split('.'))
        {
            node = Resolve(root, node);
            var members = node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                ? properties.EnumerateObject().Select(p => p.Name).ToList()
                : [];
            var match = members.FirstOrDefault(m => string.Equals(m, segment, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var at = walked.Count == 0 ? method.ResultType : string.Join('.', walked);
                throw reader.Error($"expectation path '{path}': {at} has no member '{segment}'{Nearest(segment, members)}{(members.Count == 0 ? string.Empty : $"; its members are {string.Join(", ", members)}")}");
            }

            walked.Add(match);
            node = properties.GetProperty(match);
        }
    }

    private static JsonElement Resolve(JsonElement root, JsonElement node)
    {
        if (node.TryGetProperty("$ref", out var reference) && reference.GetString() is { } target && target.StartsWith("#/$defs/", StringComparison.Ordinal)
            && root.TryGetProperty("$defs", out var defs) && defs.TryGetProperty(target["#/$defs/".Length..], out var resolved))
        {
            return resolved;
        }

        if (node.TryGetProperty("anyOf", out var anyOf) && anyOf.ValueKind == JsonValueKind.Array)
        {
            // A nullable member: the non-null alternative.
            foreach (var alternative in anyOf.EnumerateArray())
            {
                var option = Resolve(root, alternative);
                if (option.TryGetProperty("properties", out _))
                {
                    return option;
                }
            }
        }

        return node;
    }

    private static string Signature(PromptCatalogMethod method) => "(" + string.Join(", ", method.Parameters.Select(p => p.TypeName + " " + p.Name)) + ")";

    /// <summary>", did you mean 'x'?" for the closest name within a small edit distance.</summary>
    internal static string Nearest(string name, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best.Name}'?)" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
