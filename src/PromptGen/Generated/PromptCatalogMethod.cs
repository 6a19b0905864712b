using System.Text.Json;

namespace PromptGen.Generated;

/// <summary>One generated prompt method in a <see cref="PromptCatalog"/>.</summary>
public sealed class PromptCatalogMethod
{
    /// <summary>Initializes a catalog entry; generated code calls this.</summary>
    /// <param name="client">The client interface's full name (without <c>global::</c>).</param>
    /// <param name="name">The method name.</param>
    /// <param name="parameters">The parameters a caller gives (not the cancellation token or the call options).</param>
    /// <param name="resultType">The result type's name: <c>string</c> for text.</param>
    /// <param name="resultSchema">The JSON Schema of a typed result, or <see langword="null"/> for text.</param>
    /// <param name="invoke">Calls the method on a client built over the services' executor with bound arguments, and returns its value.</param>
    /// <param name="resultToJson">Serializes a typed result with its generated metadata, or <see langword="null"/> for text.</param>
    public PromptCatalogMethod(
        string client,
        string name,
        IReadOnlyList<PromptCatalogParameter> parameters,
        string resultType,
        string? resultSchema,
        Func<IServiceProvider, object?[], CancellationToken, Task<object?>> invoke,
        Func<object?, JsonElement>? resultToJson)
    {
        Client = client;
        Name = name;
        Parameters = parameters;
        ResultType = resultType;
        ResultSchema = resultSchema;
        Invoke = invoke;
        ResultToJson = resultToJson;
    }

    /// <summary>Gets the client interface's full name.</summary>
    public string Client { get; }

    /// <summary>Gets the client interface's short name.</summary>
    public string ClientName => Client[(Client.LastIndexOf('.') + 1)..];

    /// <summary>Gets the method name.</summary>
    public string Name { get; }

    /// <summary>Gets how suites name the method: <c>IGeography.LargestCityAsync</c>.</summary>
    public string Key => ClientName + "." + Name;

    /// <summary>Gets the parameters a caller gives, in order.</summary>
    public IReadOnlyList<PromptCatalogParameter> Parameters { get; }

    /// <summary>Gets the result type's name.</summary>
    public string ResultType { get; }

    /// <summary>Gets the JSON Schema of a typed result (the one sent to providers), or <see langword="null"/> for text.</summary>
    public string? ResultSchema { get; }

    /// <summary>Gets the invoker: services (with PromptGen), arguments bound by <see cref="PromptCatalogParameter.Bind"/>, in order.</summary>
    public Func<IServiceProvider, object?[], CancellationToken, Task<object?>> Invoke { get; }

    /// <summary>Gets the serializer of a typed result, or <see langword="null"/> for text.</summary>
    public Func<object?, JsonElement>? ResultToJson { get; }

    /// <summary>Gets the method's <c>[PromptExample]</c>s, in declaration order (checked at build time).</summary>
    public IReadOnlyList<PromptCatalogExample> Examples { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => $"{Key}({string.Join(", ", Parameters.Select(p => p.TypeName + " " + p.Name))}) -> {ResultType}";
}

/// <summary>One parameter of a <see cref="PromptCatalogMethod"/>.</summary>
/// <param name="name">The parameter name.</param>
/// <param name="typeName">The parameter type's name, as C# writes it.</param>
/// <param name="bind">Turns a JSON argument into the parameter's value (generated, no reflection); throws <see cref="FormatException"/> when it does not fit.</param>
public sealed class PromptCatalogParameter(string name, string typeName, Func<JsonElement, PromptArgumentContext, object?> bind)
{
    /// <summary>Gets the parameter name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the parameter type's name.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>Gets the binder of a JSON argument.</summary>
    public Func<JsonElement, PromptArgumentContext, object?> Bind { get; } = bind;
}

/// <summary>Where arguments come from: image paths are resolved against <see cref="BaseDirectory"/>.</summary>
public sealed class PromptArgumentContext
{
    /// <summary>Gets the directory relative image paths are resolved against (the suite's folder).</summary>
    public required string BaseDirectory { get; init; }
}
