namespace PromptGen.Generators.Models;

/// <summary>A parameter, property or field a template path can name.</summary>
/// <param name="Name">The name as templates spell it.</param>
/// <param name="EmitName">The name as C# code spells it (<c>@class</c> for keywords).</param>
/// <param name="Value">Its shape.</param>
internal sealed record MemberShape(string Name, string EmitName, ValueShape Value);
