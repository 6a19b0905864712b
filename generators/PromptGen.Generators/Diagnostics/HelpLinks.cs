using System;
using System.Collections.Concurrent;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptGen.Generators.Diagnostics;

/// <summary>
/// Where a diagnostic's help link points. One MSBuild property, <c>PromptGenHelpLinkBase</c>, sets the base; the link is
/// <c>{base}PGxxxx.md</c>. The PromptGen package defaults it to the copy of the pages it ships (<c>docs/diagnostics/</c> in
/// the package folder, as a <c>file://</c> URI), so the link works offline and matches the version in use; an
/// <c>http(s)</c> base (a docs site, a mirror) is used as given. Unset, the link is the repository-relative page path.
/// </summary>
internal static class HelpLinks
{
    /// <summary>The MSBuild property, as the compiler sees it (<c>CompilerVisibleProperty</c>).</summary>
    public const string PropertyKey = "build_property.PromptGenHelpLinkBase";

    private static readonly ConcurrentDictionary<(string Id, string Base), DiagnosticDescriptor> s_descriptors = new();

    /// <summary>Reads and normalizes the base from the global options; <see langword="null"/> when unset.</summary>
    public static string? ReadBase(AnalyzerConfigOptions options) =>
        options.TryGetValue(PropertyKey, out var value) ? Normalize(value) : null;

    /// <summary>Turns the property's value into a URI prefix ending in a slash; a local folder becomes a <c>file://</c> URI.</summary>
    public static string? Normalize(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (!trimmed!.Contains("://") && Path.IsPathRooted(trimmed))
        {
            trimmed = new Uri(Path.GetFullPath(trimmed)).AbsoluteUri;
        }

        return trimmed.EndsWith("/", StringComparison.Ordinal) ? trimmed : trimmed + "/";
    }

    /// <summary>The descriptor of <paramref name="id"/> with its help link under <paramref name="helpLinkBase"/>.</summary>
    public static DiagnosticDescriptor Descriptor(string id, string? helpLinkBase)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        return helpLinkBase is null
            ? descriptor
            : s_descriptors.GetOrAdd((id, helpLinkBase), key => new DiagnosticDescriptor(
                descriptor.Id,
                descriptor.Title,
                descriptor.MessageFormat,
                descriptor.Category,
                descriptor.DefaultSeverity,
                descriptor.IsEnabledByDefault,
                descriptor.Description,
                key.Base + key.Id + ".md",
                [.. descriptor.CustomTags]));
    }
}
