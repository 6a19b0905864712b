using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Tests.Routing;

public class RegisteredClientTests
{
    [Fact]
    public async Task Registered_client_answers_through_the_router_and_can_be_a_fallback()
    {
        using var echo = new EchoChatClient();
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("openai").ApiKey = "k";
            o.Provider("openai").BaseUrl = "http://127.0.0.1:1/v1";
            o.Retry = new RetryOptions { MaxRetries = 0 };
        }).AddOpenAI().AddChatClient("local/echo", echo);
        await using var provider = services.BuildServiceProvider();
        var router = provider.GetRequiredService<PromptRouter>();

        var result = await router.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "ping")],
            new PromptCallOptions { Model = "openai/gpt-4o-mini", Fallbacks = ["local/echo"] });

        Assert.Equal("echo: ping", result.Value.Text);
        Assert.Equal("local/echo", result.ModelId);
        Assert.Equal(PromptErrorKind.Unavailable, result.Trace.Attempts[0].ErrorKind);
    }
}
