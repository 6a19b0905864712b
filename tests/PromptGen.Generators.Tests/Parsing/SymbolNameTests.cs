using Microsoft.CodeAnalysis;
using PromptGen.Generators.Parsing;

namespace PromptGen.Generators.Tests.Parsing;

/// <summary>
/// <see cref="SymbolExtensions.HasFullName"/> replaces <c>ToDisplayString()</c> comparisons in the transforms; it must
/// accept exactly the metadata name and nothing that merely ends with it.
/// </summary>
public class SymbolNameTests
{
    private static readonly Compilation s_compilation = GeneratorHarness.Compilation("""
        namespace Outer.Inner
        {
            public class Holder { public class Nested { } public class Generic<T1, T2> { } }
            public class Box<T> { }
        }
        public class TopLevel { }
        namespace XSystem { public class Guid { } }
        """);

    private static INamedTypeSymbol Type(string metadataName) =>
        s_compilation.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException(metadataName + " not found");

    [Theory]
    [InlineData("Outer.Inner.Holder", "Outer.Inner.Holder", true)]
    [InlineData("Outer.Inner.Holder+Nested", "Outer.Inner.Holder+Nested", true)]
    [InlineData("Outer.Inner.Holder+Generic`2", "Outer.Inner.Holder+Generic`2", true)]
    [InlineData("Outer.Inner.Box`1", "Outer.Inner.Box`1", true)]
    [InlineData("TopLevel", "TopLevel", true)]
    [InlineData("System.Guid", "System.Guid", true)]
    [InlineData("System.Threading.Tasks.Task`1", "System.Threading.Tasks.Task`1", true)]
    [InlineData("Outer.Inner.Holder+Nested", "Outer.Inner.Holder.Nested", false)]
    [InlineData("Outer.Inner.Holder", "Inner.Holder", false)]
    [InlineData("Outer.Inner.Holder", "X.Outer.Inner.Holder", false)]
    [InlineData("Outer.Inner.Holder", "OuterX.Inner.Holder", false)]
    [InlineData("Outer.Inner.Box`1", "Outer.Inner.Box", false)]
    [InlineData("XSystem.Guid", "System.Guid", false)]
    [InlineData("System.Guid", "XSystem.Guid", false)]
    [InlineData("TopLevel", "Global.TopLevel", false)]
    [InlineData("Outer.Inner.Box`1", "Outer.Inner.Box`2", false)]
    [InlineData("Outer.Inner.Holder", "Outer.Inner.Holder`1", false)]
    [InlineData("Outer.Inner.Holder", "Outer.Inner.Holder`", false)]
    [InlineData("Outer.Inner.Holder", ".Outer.Inner.Holder", false)]
    [InlineData("Outer.Inner.Holder+Generic`2", "Outer.Inner+Holder+Generic`2", false)]
    public void Matches_the_metadata_name_exactly(string type, string fullName, bool expected) =>
        Assert.Equal(expected, Type(type).HasFullName(fullName));

    [Fact]
    public void A_constructed_generic_matches_its_definition()
    {
        var task = Type("System.Threading.Tasks.Task`1").Construct(s_compilation.GetSpecialType(SpecialType.System_String));
        Assert.True(task.Is(KnownNames.Task));
        Assert.False(task.Is(KnownNames.ValueTask));
    }

    [Fact]
    public void Implements_and_derives_walk_interfaces_and_bases()
    {
        Assert.True(s_compilation.GetSpecialType(SpecialType.System_Int32).Implements(KnownNames.Formattable));
        Assert.False(s_compilation.GetSpecialType(SpecialType.System_String).Implements(KnownNames.Formattable));
        Assert.True(Type("System.ArgumentNullException").DerivesFrom("System.Exception"));
        Assert.False(Type("System.Exception").DerivesFrom("System.Exception"));
    }
}
