using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generators.Models;

/// <summary>A source location as plain values: pipeline models keep this instead of a <see cref="Location"/>.</summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        var lines = location.GetLineSpan().Span;
        return new LocationInfo(
            location.SourceTree.FilePath,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            lines.Start.Line,
            lines.Start.Character,
            lines.End.Line,
            lines.End.Character);
    }

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    /// <summary>A sub-span of a single-line location, <paramref name="offset"/> characters after its start.</summary>
    public LocationInfo Slice(int offset, int length) =>
        new(FilePath, Start + offset, length, StartLine, StartCharacter + offset, StartLine, StartCharacter + offset + length);

    public Location ToLocation() =>
        Location.Create(
            FilePath,
            new TextSpan(Start, Length),
            new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
}
