namespace PromptGen.Tests.Errors;

public class SecretRedactorTests
{
    [Theory]
    [InlineData("Incorrect API key provided: sk-proj-abcdefghijklmnop", "Incorrect API key provided: ***")]
    [InlineData("key sk-ant-api03-abcdefghijkl rejected", "key *** rejected")]
    [InlineData("Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "Authorization: Bearer ***")]
    [InlineData("groq gsk_abcdefghijklmnop", "groq ***")]
    [InlineData("no secrets here", "no secrets here")]
    public void Key_shaped_text_is_redacted(string text, string expected) =>
        Assert.Equal(expected, new SecretRedactor().Redact(text));

    [Fact]
    public void Known_secrets_are_redacted_whatever_their_shape()
    {
        var redactor = new SecretRedactor();
        redactor.Add(new Secret("plainpassword42"));

        Assert.Equal("bad key *** given", redactor.Redact("bad key plainpassword42 given"));
    }
}
