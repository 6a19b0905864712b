namespace PromptGen.Generators.Emit;

/// <summary>Names generated code uses, all <c>global::</c>-qualified.</summary>
internal static class GeneratedCode
{
    public const string Tool = "PromptGen.Generators";

    public static readonly string Version = typeof(GeneratedCode).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public static string Attribute => $"[global::System.CodeDom.Compiler.GeneratedCode(\"{Tool}\", \"{Version}\")]";

    public const string Descriptor = "global::PromptGen.Generated.PromptDescriptor";
    public const string Executor = "global::PromptGen.Generated.PromptExecutor";
    public const string ChatMessage = "global::Microsoft.Extensions.AI.ChatMessage";
    public const string ChatRole = "global::Microsoft.Extensions.AI.ChatRole";
    public const string InterpolatedStringHandler = "global::System.Runtime.CompilerServices.DefaultInterpolatedStringHandler";
    public const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
    public const string ServiceCollection = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string TryAdd = "global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions";
    /// <summary>The DI lookup that returns <see langword="null"/> when nothing is registered.</summary>
    public const string GetService = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService";
}
