using Microsoft.Extensions.AI;

namespace PromptGen.Generated;

/// <summary>
/// Observes the generated prompt calls made inside it (on this async flow), whatever the methods return: the messages
/// the generated code rendered, the trace and the raw answer. A test host (the prompt test runner) opens one per case
/// around a generated method, and may map the model the method would use (<c>--model</c>, <c>--route</c>). Calls go
/// through the same executor and router as always; the scope only watches and, when asked, picks the model.
/// </summary>
public sealed class PromptCallScope : IDisposable
{
    private static readonly AsyncLocal<PromptCallScope?> s_current = new();
    private readonly PromptCallScope? _outer;
    private readonly Func<string?, string?>? _mapModel;

    private PromptCallScope(Func<string?, string?>? mapModel)
    {
        _outer = s_current.Value;
        _mapModel = mapModel;
        s_current.Value = this;
    }

    /// <summary>Gets the messages of the last call started in the scope, as the generated code rendered them.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; private set; }

    /// <summary>Gets the trace of the last call that returned a value in the scope (a failed call's trace is on its exception).</summary>
    public PromptTrace? Trace { get; private set; }

    /// <summary>Gets the model that gave the last accepted answer.</summary>
    public string? ModelId { get; private set; }

    /// <summary>Gets the raw text of the last accepted answer.</summary>
    public string? RawText { get; private set; }

    /// <summary>Opens a scope on the current async flow; dispose it to close it.</summary>
    /// <param name="mapModel">Maps the model a method would use (its <c>[Model]</c>, <see langword="null"/> for the configured default) to the one to use; <see langword="null"/> to keep the method's own.</param>
    /// <returns>The scope.</returns>
    public static PromptCallScope Begin(Func<string?, string?>? mapModel = null) => new(mapModel);

    /// <summary>Closes the scope: calls made after it are no longer observed.</summary>
    public void Dispose() => s_current.Value = _outer;

    /// <summary>Records the rendered messages and returns the options to call with (the scope's model, when it maps one and the caller gave no options).</summary>
    internal static PromptCallOptions? Started(PromptDescriptor descriptor, IList<ChatMessage> messages, PromptCallOptions? options)
    {
        if (s_current.Value is not { } scope)
        {
            return options;
        }

        scope.Messages = [.. messages];
        if (options is null && scope._mapModel is { } map && map(descriptor.Model) is { } model && !string.Equals(model, descriptor.Model, StringComparison.OrdinalIgnoreCase))
        {
            return new PromptCallOptions { Model = model };
        }

        return options;
    }

    /// <summary>Records an accepted answer.</summary>
    internal static void Completed(PromptTrace trace, string modelId, string? rawText)
    {
        if (s_current.Value is { } scope)
        {
            scope.Trace = trace;
            scope.ModelId = modelId;
            scope.RawText = rawText;
        }
    }
}
