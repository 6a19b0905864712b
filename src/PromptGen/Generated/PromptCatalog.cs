using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace PromptGen.Generated;

/// <summary>
/// The prompt methods of one assembly, as the generator saw them at build time: client, method, parameters, result type
/// and an invoker, all generated (no reflection). The prompt test runner reads it to run suite cases that call generated
/// methods; <see cref="FromAssembly"/> finds an assembly's catalog.
/// </summary>
/// <param name="methods">The methods, in client and declaration order.</param>
public sealed class PromptCatalog(IReadOnlyList<PromptCatalogMethod> methods)
{
    /// <summary>Gets the methods, in client and declaration order.</summary>
    public IReadOnlyList<PromptCatalogMethod> Methods { get; } = methods;

    /// <summary>Returns the catalog PromptGen generated for <paramref name="assembly"/>, or <see langword="null"/> when it has no prompt clients.</summary>
    /// <param name="assembly">An assembly built with PromptGen's generator.</param>
    /// <returns>The catalog, or <see langword="null"/>.</returns>
    public static PromptCatalog? FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<PromptCatalogAttribute>() is { } attribute
            && Activator.CreateInstance(attribute.ProviderType) is IPromptCatalogProvider provider
            ? provider.Catalog
            : null;
    }

    /// <summary>Finds a method by <c>Client.Method</c>: the client's short or full interface name.</summary>
    /// <param name="name">For example <c>IGeography.LargestCityAsync</c>.</param>
    /// <returns>The method, or <see langword="null"/>.</returns>
    public PromptCatalogMethod? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Methods.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.Ordinal) || string.Equals(m.Client + "." + m.Name, name, StringComparison.Ordinal));
    }
}

/// <summary>Gives an assembly's generated <see cref="PromptCatalog"/>; implemented by generated code only.</summary>
public interface IPromptCatalogProvider
{
    /// <summary>Gets the catalog.</summary>
    PromptCatalog Catalog { get; }
}

/// <summary>Names the generated <see cref="IPromptCatalogProvider"/> of an assembly; emitted by the generator.</summary>
/// <param name="providerType">The generated provider type.</param>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class PromptCatalogAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type providerType) : Attribute
{
    /// <summary>Gets the generated provider type.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type ProviderType { get; } = providerType;
}
