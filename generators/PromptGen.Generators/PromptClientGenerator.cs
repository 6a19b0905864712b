using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Emit;
using PromptGen.Generators.Models;
using PromptGen.Generators.Parsing;

namespace PromptGen.Generators;

/// <summary>
/// Generates a sealed, reflection-free implementation for every <c>[PromptClient]</c> interface, plus DI registration.
/// Pipeline: declarations (FAWMN) + JSON contexts (FAWMN) + template files → resolved specs → emitted source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PromptClientGenerator : IIncrementalGenerator
{
    /// <summary>The tracking names of the pipeline steps, for incremental tests.</summary>
    public static class Steps
    {
        /// <summary>Parsed <c>[PromptClient]</c> interfaces.</summary>
        public const string Declarations = "PromptGen.Declarations";

        /// <summary>Parsed <c>JsonSerializerContext</c> classes.</summary>
        public const string JsonContexts = "PromptGen.JsonContexts";

        /// <summary>All JSON contexts, collected.</summary>
        public const string AllJsonContexts = "PromptGen.AllJsonContexts";

        /// <summary>Template files read from <c>AdditionalFiles</c>.</summary>
        public const string TemplateFiles = "PromptGen.TemplateFiles";

        /// <summary>All template files, collected.</summary>
        public const string AllTemplateFiles = "PromptGen.AllTemplateFiles";

        /// <summary>Resolved, checked clients ready to emit.</summary>
        public const string Clients = "PromptGen.Clients";

        /// <summary>The DI registrations of all clients.</summary>
        public const string Registrations = "PromptGen.Registrations";

        /// <summary>The resolved clients of the assembly, for its prompt catalog.</summary>
        public const string Catalog = "PromptGen.Catalog";

        /// <summary>Gets every step name.</summary>
        public static string[] All => new[] { Declarations, JsonContexts, AllJsonContexts, TemplateFiles, AllTemplateFiles, Clients, Registrations, Catalog };
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.PromptClientAttribute, ClientParser.IsCandidate, ClientParser.Parse)
            .WithTrackingName(Steps.Declarations);

        var jsonContexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.JsonSerializableAttribute, JsonContextParser.IsCandidate, JsonContextParser.Parse)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(Steps.JsonContexts)
            .Collect()
            .WithTrackingName(Steps.AllJsonContexts);

        var templateFiles = context.AdditionalTextsProvider
            .Where(static text => IsTemplateFile(text.Path))
            .Select(static (text, cancellationToken) => new TemplateFile(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(Steps.TemplateFiles)
            .Collect()
            .WithTrackingName(Steps.AllTemplateFiles);

        var clients = declarations
            .Combine(jsonContexts)
            .Combine(templateFiles)
            .Select(static (input, _) => ClientResolver.Resolve(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(Steps.Clients);

        // Help links follow the PromptGenHelpLinkBase MSBuild property; read only where diagnostics are reported, so
        // the resolved clients stay cached when it changes.
        var helpLinkBase = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => HelpLinks.ReadBase(options.GlobalOptions));

        context.RegisterSourceOutput(clients.Combine(helpLinkBase), static (production, input) =>
        {
            var (result, helpBase) = input;
            foreach (var diagnostic in result.Diagnostics)
            {
                production.ReportDiagnostic(diagnostic.ToDiagnostic(helpBase));
            }

            if (result.Model is { } client)
            {
                production.AddSource(ClientEmitter.HintName(client), ClientEmitter.Emit(client));
                production.AddSource(ClientEmitter.ModularHintName(client), ClientEmitter.EmitModular(client));
            }
        });

        var registrations = clients
            .Select(static (result, _) => result.Model is { } client
                ? new Registration(client.InterfaceType, client.ImplementationType, "Add" + client.ImplementationName)
                : null)
            .Where(static registration => registration is not null)
            .Collect()
            .Select(static (all, _) => all.Select(r => r!).OrderBy(r => r.InterfaceType, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.Registrations);

        context.RegisterSourceOutput(registrations, static (production, all) =>
        {
            if (all.Count > 0)
            {
                production.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(all));
            }
        });

        RegisterCatalog(context, clients, jsonContexts);
    }

    /// <summary>
    /// The assembly's prompt catalog (for test hosts): every resolved client, collected in a stable order, with the JSON
    /// contexts that give parameter types their metadata.
    /// </summary>
    private static void RegisterCatalog(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<Result<ClientSpec>> clients, IncrementalValueProvider<System.Collections.Immutable.ImmutableArray<JsonContextModel>> jsonContexts)
    {
        var catalog = clients
            .Select(static (result, _) => result.Model)
            .Where(static client => client is not null && client.Methods.Any(CatalogEmitter.IsCallable))
            .Collect()
            .Select(static (all, _) => all.Select(c => c!).OrderBy(c => c.InterfaceType, StringComparer.Ordinal).ToEquatableArray())
            .Combine(jsonContexts.Select(static (all, _) => all.ToEquatableArray()))
            .WithTrackingName(Steps.Catalog);

        context.RegisterSourceOutput(catalog, static (production, input) =>
        {
            if (input.Left.Count > 0)
            {
                production.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(input.Left, input.Right));
            }
        });
    }

    /// <summary>
    /// Files the generator reads from <c>AdditionalFiles</c>: templates (<c>.md</c>, <c>.txt</c>, <c>.prompt</c>), keyword lists
    /// (<c>.txt</c>) and JSON schemas (<c>.json</c>) for validation rules.
    /// </summary>
    internal static bool IsTemplateFile(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".prompt", StringComparison.OrdinalIgnoreCase);
}
