namespace PromptGen.Generators.Models;

/// <summary>A prompt method parameter, as the template renderer needs it.</summary>
/// <param name="Name">The parameter name as placeholders spell it.</param>
/// <param name="EmitName">The name as C# code spells it (<c>@class</c> for keywords).</param>
/// <param name="TypeDisplay">The fully qualified type, with nullable annotations.</param>
/// <param name="Kind">How the value renders.</param>
/// <param name="CanBeNull">Whether the value can be <see langword="null"/> (reference or <c>Nullable&lt;T&gt;</c>).</param>
/// <param name="IsValueType">Whether the type is a value type (a nullable one is unwrapped before formatting, to avoid boxing).</param>
/// <param name="ItemKind">For collections, how an item renders.</param>
/// <param name="ItemCanBeNull">For collections, whether an item can be <see langword="null"/>.</param>
/// <param name="ItemIsValueType">For collections, whether an item is a value type.</param>
/// <param name="CountMember">For arrays and lists, <c>Length</c> or <c>Count</c> (rendered with an indexed loop); else <see langword="null"/>.</param>
/// <param name="Location">The parameter's declaration.</param>
internal sealed record ParameterModel(
    string Name,
    string EmitName,
    string TypeDisplay,
    ValueKind Kind,
    bool CanBeNull,
    bool IsValueType,
    ValueKind ItemKind,
    bool ItemCanBeNull,
    bool ItemIsValueType,
    string? CountMember,
    LocationInfo? Location);
