using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Templates;

namespace PromptGen.Generators.Models;

/// <summary>Template paths: a parameter, a loop item or a loop marker, then members checked against the types (PG0101, PG0107, PG0108).</summary>
internal static partial class ClientResolver
{
    private static readonly ValueShape s_index = new("int", "int", ValueKind.Formattable, false, true, false, false, null, null);
    private static readonly ValueShape s_flag = new("bool", "bool", ValueKind.Other, false, true, false, true, null, null);

    /// <summary>Resolves <paramref name="path"/> (at <paramref name="offset"/> in the template), reporting what does not exist.</summary>
    /// <param name="path">The path as written.</param>
    /// <param name="offset">Where it starts in the template.</param>
    /// <param name="context">The template being checked.</param>
    /// <param name="isCondition">Whether the path is an <c>{#if}</c> condition (testing it for null needs no null check first).</param>
    /// <param name="parameter">The parameter the path starts from, if it does.</param>
    private static ValueAccess? Access(string path, int offset, TemplateContext context, bool isCondition, out ParameterModel? parameter)
    {
        parameter = null;
        if (path.StartsWith("@", StringComparison.Ordinal))
        {
            if (context.Items.Count == 0)
            {
                context.Report(DiagnosticDescriptors.MalformedTemplate, offset, path.Length, offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"'{path}' stands outside any {{#each}}; the loop markers @index, @number, @first and @last are only inside a loop");
                return null;
            }

            return new ValueAccess(AccessRoot.Marker, path, EquatableArray<MemberHop>.Empty, path is "@index" or "@number" ? s_index : s_flag, path);
        }

        var segments = MemberPath.Parse(path, offset).Segments;
        if (segments.Count == 0)
        {
            return null;
        }

        var first = segments[0];
        ValueShape current;
        AccessRoot root;
        string rootName;
        var item = context.Items.LastOrDefault(i => i.Name == first.Name);
        if (item.Name is not null)
        {
            current = item.Shape;
            root = AccessRoot.Item;
            rootName = first.Name;
        }
        else if (context.Method.Parameters.FirstOrDefault(p => p.Name == first.Name && p.Kind is not (ValueKind.CancellationToken or ValueKind.CallOptions)) is { } found
            && context.ParameterShape(first.Name) is { } shape)
        {
            parameter = found;
            context.Used.Add(found.Name);
            current = shape.Value;
            root = AccessRoot.Parameter;
            rootName = found.EmitName;
        }
        else
        {
            var names = context.Items.Select(i => i.Name)
                .Concat(context.Method.Parameters.Where(p => p.Kind is not (ValueKind.CancellationToken or ValueKind.CallOptions)).Select(p => p.Name))
                .Distinct()
                .Select(n => "{" + n + "}")
                .ToList();
            context.Report(DiagnosticDescriptors.UnknownPlaceholder, first.Offset, first.Length, first.Name,
                names.Count == 0 ? "(the method has no parameters to insert)" : string.Join(", ", names));
            return null;
        }

        var hops = new List<MemberHop>();
        var warned = false;
        for (var i = 1; i < segments.Count; i++)
        {
            var segment = segments[i];
            var receiver = string.Join(".", segments.Take(i).Select(s => s.Name));
            var type = context.Type(current.Key);
            var member = type?.Members.FirstOrDefault(m => m.Name == segment.Name);
            if (member is null)
            {
                context.Report(DiagnosticDescriptors.UnknownMember, segment.Offset, segment.Length, segment.Name, receiver, Display(current.Type), Suggestion(segment.Name, type));
                return null;
            }

            if (current.Annotated && !isCondition && !warned && !context.Checked.Contains(receiver))
            {
                context.Report(DiagnosticDescriptors.MemberOfNullable, segment.Offset, segment.Length, segment.Name, receiver, Display(current.Type));
                warned = true;
            }

            hops.Add(new MemberHop(member.EmitName, current.CanBeNull));
            current = member.Value;
        }

        return new ValueAccess(root, rootName, hops.ToEquatableArray(), current, path);
    }

    /// <summary>"; did you mean 'Name'? …" with the nearest member, the members there are, or why the type has none.</summary>
    private static string Suggestion(string name, TypeShape? type)
    {
        if (type is null || type.Opaque is not null)
        {
            return ": " + (type?.Opaque ?? "PromptGen cannot read members of this type");
        }

        if (type.Members.Count == 0)
        {
            return "; the type has no public properties or fields";
        }

        var nearest = type.Members
            .Select(m => (m.Name, Distance: Distance(name.ToUpperInvariant(), m.Name.ToUpperInvariant())))
            .OrderBy(m => m.Distance)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .First();
        var members = string.Join(", ", type.Members.Select(m => m.Name));
        var guess = nearest.Distance <= Math.Max(2, name.Length / 3) ? nearest.Name
            : type.Members.Select(m => m.Name).FirstOrDefault(m => m.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf(m, StringComparison.OrdinalIgnoreCase) >= 0);
        return guess is not null
            ? $"; did you mean '{guess}'? (members: {members})"
            : $"; its members are: {members}";
    }

    /// <summary>The Levenshtein distance, for suggestions.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var row = new int[b.Length + 1];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = row;
        }

        return previous[b.Length];
    }
}
