namespace PromptGen.Generators.Models;

/// <summary>A pipeline value: the model (when one could be built) plus the diagnostics found building it.</summary>
/// <typeparam name="TModel">The model type; a value.</typeparam>
internal sealed record Result<TModel>(TModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    where TModel : class;
