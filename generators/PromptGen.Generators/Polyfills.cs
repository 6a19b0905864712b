// Polyfills for language features the netstandard2.0 reference assemblies lack (no PolySharp: no extra packages).
namespace System.Runtime.CompilerServices;

/// <summary>Enables <c>init</c> accessors and records on netstandard2.0.</summary>
internal static class IsExternalInit
{
}
