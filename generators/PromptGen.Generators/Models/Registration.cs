namespace PromptGen.Generators.Models;

/// <summary>One client to register in DI.</summary>
/// <param name="InterfaceType">The interface, fully qualified.</param>
/// <param name="ImplementationType">The generated class, fully qualified.</param>
/// <param name="MethodName">The extension method name, <c>Add{Implementation}</c>.</param>
internal sealed record Registration(string InterfaceType, string ImplementationType, string MethodName);
