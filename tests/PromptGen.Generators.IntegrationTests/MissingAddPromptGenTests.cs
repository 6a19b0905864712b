using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>A generated client registered without <c>AddPromptGen()</c> fails with an error that says what to call.</summary>
public sealed class MissingAddPromptGenTests
{
    [Fact]
    public void Resolving_a_client_without_AddPromptGen_says_to_call_it()
    {
        var services = new ServiceCollection();
        services.AddPromptClient<ITravelClient>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ITravelClient>());

        Assert.Contains($"The prompt client '{typeof(ITravelClient).FullName}' needs PromptGen's executor, which is not registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("call services.AddPromptGen(configuration)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("No service for type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_AddPromptGen_the_client_resolves()
    {
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o => o.EnvironmentVariables = _ => null);
        services.AddPromptClient<ITravelClient>();
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<ITravelClient>());
    }
}
