using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptGen.Generators.Models;

/// <summary>A diagnostic to report, as plain values: descriptor id, message arguments and location.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    /// <summary>Creates the diagnostic, its help link under <paramref name="helpLinkBase"/> (see <see cref="Diagnostics.HelpLinks"/>).</summary>
    public Diagnostic ToDiagnostic(string? helpLinkBase = null) =>
        Diagnostic.Create(
            Diagnostics.HelpLinks.Descriptor(Id, helpLinkBase),
            Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
            Arguments.Cast<object>().ToArray());
}
