using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>Writes <c>PromptClientServiceCollectionExtensions</c>: one <c>AddX()</c> per client, a reflection-free
/// <c>AddPromptClient&lt;T&gt;()</c> dispatcher, and <c>AddPromptClients()</c> for all.</summary>
internal static class RegistrationEmitter
{
    public const string HintName = "PromptClientServiceCollectionExtensions.g.cs";

    public static string Emit(EquatableArray<Registration> registrations)
    {
        var services = GeneratedCode.ServiceCollection;
        var writer = CodeWriter.ForGeneratedFile();
        writer.Line("namespace PromptGen;");
        writer.Line();
        writer.Line("/// <summary>Registers the prompt clients PromptGen generated for this assembly. Call <c>AddPromptGen</c> too: clients run through its executor.</summary>");
        writer.Line(GeneratedCode.Attribute);
        using (writer.Block("internal static class PromptClientServiceCollectionExtensions"))
        {
            var duplicates = registrations.GroupBy(r => r.MethodName).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            foreach (var registration in registrations.Where(r => !duplicates.Contains(r.MethodName)))
            {
                writer.Line($"/// <summary>Registers <see cref=\"{registration.InterfaceType}\"/> as a singleton <see cref=\"{registration.ImplementationType}\"/>.</summary>");
                writer.Line("/// <param name=\"services\">The service collection.</param>");
                writer.Line("/// <returns>The same collection.</returns>");
                using (writer.Block($"public static {services} {registration.MethodName}(this {services} services)"))
                {
                    Register(writer, registration);
                    writer.Line("return services;");
                }

                writer.Line();
            }

            writer.Line("/// <summary>Registers the generated implementation of the prompt client interface <typeparamref name=\"TClient\"/>, without reflection.</summary>");
            writer.Line("/// <typeparam name=\"TClient\">A [PromptClient] interface of this assembly.</typeparam>");
            writer.Line("/// <param name=\"services\">The service collection.</param>");
            writer.Line("/// <returns>The same collection.</returns>");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\"><typeparamref name=\"TClient\"/> is not a prompt client of this assembly.</exception>");
            writer.Line($"public static {services} AddPromptClient<TClient>(this {services} services)");
            writer.Indent();
            writer.Line("where TClient : class");
            writer.Outdent();
            using (writer.Block())
            {
                foreach (var registration in registrations)
                {
                    using (writer.Block($"if (typeof(TClient) == typeof({registration.InterfaceType}))"))
                    {
                        Register(writer, registration);
                        writer.Line("return services;");
                    }

                    writer.Line();
                }

                writer.Line("throw new global::System.ArgumentException(\"'\" + typeof(TClient).FullName + \"' is not a [PromptClient] interface of this assembly; mark it [PromptClient] and declare it partial.\", nameof(TClient));");
            }

            writer.Line();
            writer.Line("/// <summary>Registers every prompt client of this assembly.</summary>");
            writer.Line("/// <param name=\"services\">The service collection.</param>");
            writer.Line("/// <returns>The same collection.</returns>");
            using (writer.Block($"public static {services} AddPromptClients(this {services} services)"))
            {
                foreach (var registration in registrations)
                {
                    Register(writer, registration);
                }

                writer.Line("return services;");
            }

            writer.Line();
            ExecutorLookup(writer);
        }

        return writer.ToString();
    }

    private static void Register(CodeWriter writer, Registration registration) =>
        writer.Line($"{GeneratedCode.TryAdd}.TryAddSingleton<{registration.InterfaceType}>(services, static provider => new {registration.ImplementationType}(Executor(provider, typeof({registration.InterfaceType}))));");

    /// <summary>
    /// The executor from DI, or an error that says to call <c>AddPromptGen</c> (instead of .NET's generic "No service for
    /// type PromptExecutor").
    /// </summary>
    private static void ExecutorLookup(CodeWriter writer)
    {
        using (writer.Block($"private static {GeneratedCode.Executor} Executor(global::System.IServiceProvider provider, global::System.Type client)"))
        {
            writer.Line($"return {GeneratedCode.GetService}<{GeneratedCode.Executor}>(provider)");
            writer.Indent();
            writer.Line("?? throw new global::System.InvalidOperationException(\"The prompt client '\" + client.FullName + \"' needs PromptGen's executor, which is not registered; call services.AddPromptGen(configuration) with a provider, for example services.AddPromptGen(configuration).AddOpenAI(), before building the service provider.\");");
            writer.Outdent();
        }
    }
}
