using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptGen.Generators.Diagnostics;

/// <summary>
/// The diagnostics catalogue: PG00xx declarations, PG01xx templates, PG02xx models and routes, PG03xx validation, PG04xx multimodal, PG05xx resilience, PG06xx examples ([PromptExample]). Ids are never renumbered;
/// every entry has a page at <c>docs/diagnostics/PGxxxx.md</c> and is listed in <c>AnalyzerReleases.Unshipped.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where the help pages live; one page per id.</summary>
    public const string HelpLinkBase = "docs/diagnostics/";

    private const string Declaration = "PromptGen.Declaration";
    private const string Templates = "PromptGen.Templates";
    private const string Models = "PromptGen.Models";
    private const string Resilience = "PromptGen.Resilience";
    private const string Validation = "PromptGen.Validation";
    private const string Multimodal = "PromptGen.Multimodal";
    private const string Examples = "PromptGen.Examples";

    public static readonly DiagnosticDescriptor NotPartialInterface = Create(
        "PG0001",
        "[PromptClient] requires a partial interface",
        "'{0}' is marked [PromptClient] but is {1}; declare it as 'partial interface {0}' so PromptGen can generate its implementation",
        Declaration);

    public static readonly DiagnosticDescriptor MissingPrompt = Create(
        "PG0002",
        "Prompt client method has no [Prompt]",
        "Method '{0}' of prompt client '{1}' has no [Prompt] attribute; add [Prompt(\"...\")] or [Prompt(File = \"prompts/....prompt.md\")], or give the method a default body",
        Declaration);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        "PG0003",
        "Unsupported prompt method return type",
        "Method '{0}' returns '{1}', which PromptGen cannot produce{2}; return Task<string>, ValueTask<string>, Task<T> or ValueTask<T> for a class, record or struct T, Task<PromptResult<T>>, IAsyncEnumerable<string>, or IAsyncEnumerable<PromptPartial<T>> to stream a structured result",
        Declaration);

    public static readonly DiagnosticDescriptor UnsupportedMember = Create(
        "PG0004",
        "Unsupported prompt client member",
        "'{0}' cannot be generated: {1}",
        Declaration);

    public static readonly DiagnosticDescriptor NoCancellationToken = Create(
        "PG0005",
        "Prompt method takes no CancellationToken",
        "Method '{0}' takes no CancellationToken, so its LLM call cannot be cancelled by the caller; add 'CancellationToken cancellationToken = default' as the last parameter",
        Declaration,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateCallParameter = Create(
        "PG0006",
        "Second CancellationToken or PromptCallOptions parameter",
        "Method '{0}' takes a second {1} parameter '{2}', which the call would ignore (only the first is used); remove it",
        Declaration);

    public static readonly DiagnosticDescriptor UnknownPlaceholder = Create(
        "PG0101",
        "Template placeholder names no parameter",
        "The {0} template of '{1}' uses placeholder '{{{2}}}', but the method has no parameter named '{2}'; rename the placeholder to one of: {3}, or write '{{{{' for a literal brace",
        Templates);

    public static readonly DiagnosticDescriptor MalformedTemplate = Create(
        "PG0102",
        "Malformed prompt template",
        "The {0} template of '{1}' is malformed at offset {2}: {3}",
        Templates);

    public static readonly DiagnosticDescriptor UnusedParameter = Create(
        "PG0103",
        "Parameter not used in the prompt",
        "Parameter '{0}' of '{1}' appears in no template, so the model never sees it; add '{{{0}}}' to the [Prompt] or [SystemPrompt] template, or remove the parameter",
        Templates,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor TemplateFileNotFound = Create(
        "PG0104",
        "Template file not found",
        "The {0} template file '{1}' of '{2}' is not an AdditionalFiles item of this project; add <AdditionalFiles Include=\"{1}\" /> to the project file (template files must end in .md, .txt or .prompt)",
        Templates);

    public static readonly DiagnosticDescriptor FormatNotSupported = Create(
        "PG0105",
        "Placeholder format on a value that is not IFormattable",
        "The {0} template of '{1}' formats '{{{2}:{3}}}', but parameter '{2}' of type '{4}' is not IFormattable; remove ':{3}' or pass a formattable type such as int, double or DateTime",
        Templates);

    public static readonly DiagnosticDescriptor TemplateSourceAmbiguous = Create(
        "PG0106",
        "Template must be inline or from a file",
        "The [{0}] attribute of '{1}' {2}; pass either a template string or File = \"path\", not both",
        Templates);

    public static readonly DiagnosticDescriptor UnknownMember = Create(
        "PG0107",
        "Template path names no member",
        "The {0} template of '{1}' reads '{2}' of '{3}' (type '{4}'), which has no such member{5}",
        Templates);

    public static readonly DiagnosticDescriptor MemberOfNullable = Create(
        "PG0108",
        "Template reads a member of a value that may be null",
        "The {0} template of '{1}' reads '{2}' through '{3}', which may be null (type '{4}'), and then renders nothing there; wrap it in '{{#if {3}}}…{{/if}}' (with an '{{:else}}' if the prompt should say something else), or make '{3}' non-nullable",
        Templates,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NotEnumerable = Create(
        "PG0109",
        "{#each} over a value that is not a collection",
        "The {0} template of '{1}' loops over '{2}' of type '{3}', which is not a collection; '{{#each}}' takes an array, a list or any IEnumerable<T> other than string (images are placed by their own placeholder, history by its parameter)",
        Templates);

    public static readonly DiagnosticDescriptor LoopItemShadows = Create(
        "PG0110",
        "{#each} item hides another name",
        "The {0} template of '{1}' names the loop item '{2}', which is already {3}, so '{{{2}}}' would be ambiguous; choose another item name, for example '{{#each … as {2}Item}}'",
        Templates);

    public static readonly DiagnosticDescriptor UnclosedBlock = Create(
        "PG0111",
        "Template block is never closed",
        "The {0} template of '{1}' is malformed at offset {2}: {3}",
        Templates);

    public static readonly DiagnosticDescriptor StrayBlockEnd = Create(
        "PG0112",
        "Closing tag does not match an open block",
        "The {0} template of '{1}' is malformed at offset {2}: {3}",
        Templates);

    public static readonly DiagnosticDescriptor ElseOutsideIf = Create(
        "PG0113",
        "{:else} outside an {#if}",
        "The {0} template of '{1}' is malformed at offset {2}: {3}",
        Templates);

    public static readonly DiagnosticDescriptor RoleSectionMisplaced = Create(
        "PG0114",
        "Role section in the wrong place",
        "The {0} template of '{1}' starts the '{{#{2}}}' section where it cannot stand: {3}",
        Templates);

    public static readonly DiagnosticDescriptor HistoryMisplaced = Create(
        "PG0115",
        "History parameter placed where it cannot stand",
        "The {0} template of '{1}' places the history parameter '{2}' where it cannot stand: {3}",
        Templates);

    public static readonly DiagnosticDescriptor ConditionNotTestable = Create(
        "PG0116",
        "{#if} condition cannot be tested",
        "The {0} template of '{1}' tests '{2}' of type '{3}', which is always present; '{{#if}}' tests a bool, a nullable value (null is false), a string (empty is false) or a collection (empty is false)",
        Templates);

    public static readonly DiagnosticDescriptor MalformedModelId = Create(
        "PG0201",
        "Malformed model id",
        "{0}: {1}",
        Models);

    public static readonly DiagnosticDescriptor NoJsonContext = Create(
        "PG0202",
        "No JsonSerializerContext declares the result type",
        "Method '{0}' returns JSON of type '{1}', but no JsonSerializerContext in this project declares it; add [JsonSerializable(typeof({1}))] to a context, for example: [global::System.Text.Json.Serialization.JsonSerializable(typeof({1}))] internal sealed partial class {2}JsonContext : global::System.Text.Json.Serialization.JsonSerializerContext;",
        Models);

    public static readonly DiagnosticDescriptor RedundantFallback = Create(
        "PG0203",
        "Fallback repeats a model of its chain",
        "{0}: fallback '{1}' is already earlier in the chain ({2}), so trying it again cannot help; remove it or name a different model",
        Models);

    public static readonly DiagnosticDescriptor SchemaNotStrict = Create(
        "PG0204",
        "Result type cannot be expressed as a strict JSON schema",
        "'{0}' returns '{1}', whose member '{2}' is {3}; OpenAI's strict structured output cannot express that, so PromptGen requests a non-strict schema and the model may not follow it; use a record with fixed properties instead",
        Models,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidModelSettings = Create(
        "PG0205",
        "Invalid [Model] settings",
        "The [Model] of '{0}' is invalid: {1}",
        Models);

    public static readonly DiagnosticDescriptor InvalidPattern = Create(
        "PG0301",
        "Invalid regular expression",
        "The [MatchesPattern] of '{0}' has the pattern '{1}', which does not compile: {2}",
        Validation);

    public static readonly DiagnosticDescriptor RuleFileNotFound = Create(
        "PG0302",
        "Rule file not found",
        "The [{1}] of '{0}' names the file '{2}', which is not an AdditionalFiles item of this project; add <AdditionalFiles Include=\"{2}\" /> so it is checked and embedded at build time",
        Validation);

    public static readonly DiagnosticDescriptor UnknownFieldPath = Create(
        "PG0303",
        "Field path does not exist on the result type",
        "The field path '{1}' of '{0}' cannot match the result: {2}",
        Validation);

    public static readonly DiagnosticDescriptor ContradictoryRule = Create(
        "PG0304",
        "Rule can never pass or checks nothing",
        "The [{1}] of '{0}' is contradictory: {2}",
        Validation);

    public static readonly DiagnosticDescriptor NotAValidator = Create(
        "PG0305",
        "[ValidateWith] type is not a validator",
        "The [ValidateWith] of '{0}' names '{1}', which does not implement PromptGen.Validation.IResponseValidator; implement it and register the type in dependency injection",
        Validation);

    public static readonly DiagnosticDescriptor JudgeWithoutModel = Create(
        "PG0306",
        "Judge rule names no judge model",
        "The [Judge] of '{0}' names no Model, so the judge runs on PromptGen:Validation:JudgeModel from configuration and the call fails if none is set; set Model = \"provider/model\" to make it explicit",
        Validation,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor JsonSchemaPackageMissing = Create(
        "PG0307",
        "[MatchesSchema] needs PromptGen.Validation.JsonSchema",
        "'{0}' uses [MatchesSchema], whose rule lives in the PromptGen.Validation.JsonSchema package; add a reference to it",
        Validation);

    public static readonly DiagnosticDescriptor RuleOnStream = Create(
        "PG0308",
        "Validation rule on a streaming method",
        "The [{1}] of '{0}' would never run: the method streams its answer (IAsyncEnumerable<string> or PromptStream<string>), and streamed text is not validated or re-asked; remove the rule, or return Task<string> or Task<PromptResult<string>> to validate the whole answer",
        Validation);

    public static readonly DiagnosticDescriptor ImagePlacement = Create(
        "PG0401",
        "Image placeholder cannot be used there",
        "The {0} template of '{1}' places image parameter '{{{2}}}' where it cannot go: {3}",
        Multimodal);

    public static readonly DiagnosticDescriptor ImagesToTextOnlyModel = Create(
        "PG0402",
        "Images sent to a text-only model",
        "'{0}' takes image parameter '{1}', but its route '{2}' is a text-only model ({3}), which rejects images; name a vision model (for example 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5' or 'max/sonnet') or remove the image parameter",
        Multimodal,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor BinaryParameter = Create(
        "PG0403",
        "Binary parameter would be rendered as text",
        "Parameter '{0}' of '{1}' is {2}, which a template renders as text (a list of byte values), never as an image; declare it as PromptImage and pass PromptImage.FromBytes(bytes) or PromptImage.FromStream(stream)",
        Multimodal);

    public static readonly DiagnosticDescriptor InvalidRetry = Create(
        "PG0501",
        "Invalid [Retry] settings",
        "The [Retry] of '{0}' is invalid: {1}",
        Resilience);

    public static readonly DiagnosticDescriptor InvalidTimeout = Create(
        "PG0502",
        "Invalid [Timeout] settings",
        "The [Timeout] of '{0}' is invalid: {1}",
        Resilience);

    public static readonly DiagnosticDescriptor InvalidCache = Create(
        "PG0700",
        "Invalid [Cache] settings",
        "The [Cache] of '{0}' is invalid: {1}",
        Resilience);

    public static readonly DiagnosticDescriptor InvalidCircuitBreaker = Create(
        "PG0503",
        "Invalid [CircuitBreaker] settings",
        "The [CircuitBreaker] of '{0}' is invalid: {1}",
        Resilience);

    public static readonly DiagnosticDescriptor InvalidEscalation = Create(
        "PG0504",
        "Invalid [Escalate] settings",
        "The [Escalate] of '{0}' is invalid: {1}",
        Resilience);

    public static readonly DiagnosticDescriptor ExampleInvalidJson = Create(
        "PG0601",
        "[PromptExample] text is not valid JSON",
        "The [PromptExample] {0} of '{1}' is not valid JSON: {2}",
        Examples);

    public static readonly DiagnosticDescriptor ExampleUnknownArgument = Create(
        "PG0602",
        "[PromptExample] names an argument the method does not have",
        "The [PromptExample] of '{0}' gives '{1}', which is not a parameter{2}; its parameters are {3}",
        Examples);

    public static readonly DiagnosticDescriptor ExampleMissingArgument = Create(
        "PG0603",
        "[PromptExample] misses an argument",
        "The [PromptExample] of '{0}' gives no value for {1}; every parameter but the CancellationToken and PromptCallOptions needs one",
        Examples);

    public static readonly DiagnosticDescriptor ExampleArgumentType = Create(
        "PG0604",
        "[PromptExample] argument does not fit the parameter type",
        "The [PromptExample] of '{0}' gives {1} for '{2}' ({3}): {4}",
        Examples);

    public static readonly DiagnosticDescriptor ExampleMalformedExpectation = Create(
        "PG0605",
        "[PromptExample] expectation is malformed",
        "The [PromptExample] Expect of '{0}' is malformed: {1}",
        Examples);

    public static readonly DiagnosticDescriptor ExampleUnknownMember = Create(
        "PG0606",
        "[PromptExample] expectation path names a member the result does not have",
        "The [PromptExample] expectation path '{0}' of '{1}': {2}",
        Examples);

    public static readonly DiagnosticDescriptor ExampleExpectationType = Create(
        "PG0607",
        "[PromptExample] expectation cannot hold for the member's type",
        "The [PromptExample] expectation '{0}' on '{1}' of '{2}' cannot hold: {3}",
        Examples);

    public static readonly DiagnosticDescriptor ExampleNotRunnable = Create(
        "PG0608",
        "[PromptExample] on a method the runner cannot call",
        "'{0}' has a [PromptExample] but {1}, so no test host can run it; remove the example",
        Examples);

    public static readonly DiagnosticDescriptor ExampleDuplicateName = Create(
        "PG0609",
        "[PromptExample] name is used twice",
        "Two [PromptExample]s of '{0}' are named '{1}'; give each a unique Name (it is the test case id)",
        Examples);

    public static readonly DiagnosticDescriptor PartialStreamShape = Create(
        "PG0630",
        "Typed stream declared as something other than IAsyncEnumerable<PromptPartial<T>>",
        "Method '{0}' returns '{1}', which PromptGen cannot produce: a typed result streams as a sequence of updates, each with the value so far, its complete members and the raw text; return 'IAsyncEnumerable<PromptPartial<{2}>>' (the last update holds the validated PromptResult), or Task<{2}> for the whole value at once",
        Declaration);

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new[]
    {
        NotPartialInterface, MissingPrompt, UnsupportedReturnType, UnsupportedMember, NoCancellationToken, DuplicateCallParameter, PartialStreamShape,
        UnknownPlaceholder, MalformedTemplate, UnusedParameter, TemplateFileNotFound, FormatNotSupported, TemplateSourceAmbiguous,
        UnknownMember, MemberOfNullable, NotEnumerable, LoopItemShadows, UnclosedBlock, StrayBlockEnd, ElseOutsideIf, RoleSectionMisplaced,
        HistoryMisplaced, ConditionNotTestable,
        MalformedModelId, NoJsonContext, RedundantFallback, SchemaNotStrict, InvalidModelSettings,
        InvalidPattern, RuleFileNotFound, UnknownFieldPath, ContradictoryRule, NotAValidator, JudgeWithoutModel, JsonSchemaPackageMissing, RuleOnStream,
        ImagePlacement, ImagesToTextOnlyModel, BinaryParameter,
        InvalidRetry, InvalidTimeout, InvalidCircuitBreaker, InvalidEscalation, InvalidCache,
        ExampleInvalidJson, ExampleUnknownArgument, ExampleMissingArgument, ExampleArgumentType, ExampleMalformedExpectation,
        ExampleUnknownMember, ExampleExpectationType, ExampleNotRunnable, ExampleDuplicateName,
    }.ToDictionary(d => d.Id);

    /// <summary>Gets every descriptor, for catalogue tests.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
