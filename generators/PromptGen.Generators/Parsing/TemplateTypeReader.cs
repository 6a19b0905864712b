using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>
/// Reads what template paths can reach from a method's parameters: each parameter's shape and the readable members of
/// every user type reachable through members and collection items (breadth first, at most <see cref="MaxTypes"/> types).
/// Framework types (<c>System.*</c>, <c>Microsoft.*</c>), strings, numbers, enums and collections are opaque: they render
/// or are looped over, but templates do not read their members.
/// </summary>
internal static class TemplateTypeReader
{
    /// <summary>How many types one method's templates can reach; a bound on build time for very wide object graphs.</summary>
    public const int MaxTypes = 64;

    public static TemplateTypes Read(IMethodSymbol method)
    {
        var reader = new Reader();
        var parameters = method.Parameters.Select(p => new MemberShape(p.Name, EmitName(p.Name), reader.Shape(p.Type, 0))).ToEquatableArray();
        return new TemplateTypes(parameters, reader.Expand());
    }

    private static string EmitName(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private sealed class Reader
    {
        private readonly Queue<ITypeSymbol> _pending = new();
        private readonly Dictionary<string, TypeShape?> _types = new();
        private readonly List<string> _order = new();

        public ValueShape Shape(ITypeSymbol type, int depth)
        {
            var nullableValue = type.IsNullableValueType(out var underlying);
            var kind = TypeClassifier.Kind(type);
            var key = underlying.DisplayWithoutNullable();
            ValueShape? item = null;
            string? count = null;
            if (kind is ValueKind.Collection or ValueKind.Images or ValueKind.History && type.EnumerableItem() is { } element && depth < 8)
            {
                item = Shape(element, depth + 1);
                count = TypeClassifier.CountMember(type);
            }

            Enqueue(underlying, key, kind);
            return new ValueShape(
                type.Display(),
                key,
                kind,
                TypeClassifier.CanBeNull(type),
                type.IsValueType,
                nullableValue || type.NullableAnnotation == NullableAnnotation.Annotated,
                underlying.SpecialType == SpecialType.System_Boolean,
                count,
                item);
        }

        public EquatableArray<TypeShape> Expand()
        {
            var shapes = new List<TypeShape>();
            while (_pending.Count > 0)
            {
                var type = _pending.Dequeue();
                var key = type.DisplayWithoutNullable();
                var members = new List<MemberShape>();
                var names = new HashSet<string>();
                foreach (var member in Members(type))
                {
                    if (names.Add(member.Name))
                    {
                        var memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
                        members.Add(new MemberShape(member.Name, EmitName(member.Name), Shape(memberType, 0)));
                    }
                }

                _types[key] = new TypeShape(key, members.ToEquatableArray(), null);
            }

            foreach (var key in _order)
            {
                shapes.Add(_types[key] ?? new TypeShape(key, EquatableArray<MemberShape>.Empty, $"PromptGen reads members of at most {MaxTypes} types per method"));
            }

            return shapes.ToEquatableArray();
        }

        private void Enqueue(ITypeSymbol type, string key, ValueKind kind)
        {
            if (_types.ContainsKey(key))
            {
                return;
            }

            _order.Add(key);
            var opaque = Opaque(type, kind);
            if (opaque is not null)
            {
                _types[key] = new TypeShape(key, EquatableArray<MemberShape>.Empty, opaque);
                return;
            }

            _types[key] = null;
            if (_order.Count <= MaxTypes)
            {
                _pending.Enqueue(type);
            }
        }

        private static string? Opaque(ITypeSymbol type, ValueKind kind)
        {
            if (kind is ValueKind.Text or ValueKind.Collection or ValueKind.Images or ValueKind.History or ValueKind.Image or ValueKind.CancellationToken or ValueKind.CallOptions)
            {
                return kind switch
                {
                    ValueKind.Text => "a string renders as it is",
                    ValueKind.Collection or ValueKind.History => "a collection is rendered or looped over with {#each}, and tested for items with {#if}",
                    _ => "it is not text",
                };
            }

            if (type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Array || type is not INamedTypeSymbol)
            {
                return "it is a simple value; format it instead (e.g. '{value:N2}')";
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) || ns == "Microsoft" || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal))
            {
                return "PromptGen reads members of your own types, not of framework types; format the value instead (e.g. '{due:yyyy-MM-dd}')";
            }

            return null;
        }

        /// <summary>Public instance properties with a public getter (no indexers) and public fields, the type's own first.</summary>
        private static IEnumerable<ISymbol> Members(ITypeSymbol type)
        {
            var types = new List<ITypeSymbol>();
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                types.Add(current);
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                types.AddRange(type.AllInterfaces);
            }

            foreach (var member in types.SelectMany(t => t.GetMembers()))
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared)
                {
                    continue;
                }

                var memberType = member switch
                {
                    IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property => property.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                };

                // Spans and pointers cannot be read through '?.' (or stored in a local of a lifted type): not template values.
                if (memberType is not null && !memberType.IsRefLikeType && memberType.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer))
                {
                    yield return member;
                }
            }
        }
    }
}
