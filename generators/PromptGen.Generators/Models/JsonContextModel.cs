namespace PromptGen.Generators.Models;

/// <summary>A user <c>JsonSerializerContext</c> and the types its <c>[JsonSerializable]</c> attributes declare.</summary>
/// <param name="ContextType">The context, fully qualified with <c>global::</c>.</param>
/// <param name="NamingPolicy">The <c>JsonKnownNamingPolicy</c> member name, or <see langword="null"/> for none.</param>
/// <param name="UseStringEnumConverter">Whether the context serializes enums as strings.</param>
/// <param name="Types">The declared types.</param>
internal sealed record JsonContextModel(string ContextType, string? NamingPolicy, bool UseStringEnumConverter, EquatableArray<JsonContextType> Types);

/// <summary>One <c>[JsonSerializable(typeof(T))]</c>.</summary>
/// <param name="Type">The type, fully qualified with <c>global::</c>.</param>
/// <param name="PropertyName">The generated <c>JsonTypeInfo</c> property name on the context.</param>
internal sealed record JsonContextType(string Type, string PropertyName);
