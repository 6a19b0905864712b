using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptGen.Generators.Models;

/// <summary>The state of checking one template: where it comes from, what its paths can reach, the names in scope.</summary>
internal sealed class TemplateContext
{
    private readonly Dictionary<string, TypeShape> _types;

    public TemplateContext(TemplateSource source, TemplateFile? file, string kind, string owner, MethodDeclaration method, HashSet<string> used, List<DiagnosticInfo> diagnostics)
    {
        Source = source;
        File = file;
        Kind = kind;
        Owner = owner;
        Method = method;
        Used = used;
        Diagnostics = diagnostics;
        _types = method.Templates.Types.ToDictionary(t => t.Key);
    }

    public TemplateSource Source { get; }

    public TemplateFile? File { get; }

    /// <summary>Gets <c>[Prompt]</c> or <c>[SystemPrompt]</c>.</summary>
    public string Kind { get; }

    public string Owner { get; }

    public MethodDeclaration Method { get; }

    public HashSet<string> Used { get; }

    public List<DiagnosticInfo> Diagnostics { get; }

    /// <summary>Gets a value indicating whether no error has been reported for this template (warnings do not count).</summary>
    public bool Ok { get; private set; } = true;

    /// <summary>Gets the items of the enclosing loops, innermost last.</summary>
    public List<(string Name, ValueShape Shape)> Items { get; } = new();

    /// <summary>Gets the paths an enclosing <c>{#if}</c> has proven not null.</summary>
    public HashSet<string> Checked { get; } = new();

    /// <summary>Gets the names of history parameters already placed.</summary>
    public HashSet<string> History { get; } = new();

    /// <summary>Gets or sets a value indicating whether the method has a [SystemPrompt] (so no <c>{#system}</c> section).</summary>
    public bool HasSystemPrompt { get; set; }

    /// <summary>Gets or sets a value indicating whether the top level of the template has produced message content yet.</summary>
    public bool Started { get; set; }

    /// <summary>Gets or sets the role of the section the top level is in (<see langword="null"/> before any marker: user).</summary>
    public string? Role { get; set; }

    public TypeShape? Type(string key) => _types.TryGetValue(key, out var type) ? type : null;

    public MemberShape? ParameterShape(string name) => Method.Templates.Parameters.FirstOrDefault(p => p.Name == name);

    public void Report(DiagnosticDescriptor descriptor, int offset, int length, params string[] arguments)
    {
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, ClientResolver.Locate(Source, File, offset, length), new[] { Kind, Owner }.Concat(arguments).ToArray()));
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            Ok = false;
        }
    }
}
