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

public class SecretRedactorConfiguredTests
{
    [Fact]
    public void Every_configured_key_is_known_by_value_whatever_its_variable_is_called()
    {
        var variables = new Dictionary<string, string>
        {
            ["MY_SERVICE_CRED"] = "custom+/&<>value-1",
            ["GROQ_API_KEY"] = "groq-not-called-value",
        };
        var options = new PromptGenOptions { EnvironmentVariables = name => variables.GetValueOrDefault(name) };
        options.Provider("myco").ApiKeyEnvironmentVariable = "MY_SERVICE_CRED";
        options.Provider("openai").ApiKey = "plain-config-key-123";
        options.Provider("local").BaseUrl = "http://alice:s3cret-pass@localhost:8080/v1";
        var redactor = new SecretRedactor();

        ConfiguredSecrets.AddTo(redactor, options);

        Assert.Equal("a *** b *** c *** d http://***@localhost:8080/v1 e ***",
            redactor.Redact("a custom+/&<>value-1 b groq-not-called-value c plain-config-key-123 d http://alice:s3cret-pass@localhost:8080/v1 e s3cret-pass"));
    }

    [Theory]
    [InlineData("custom\\u002B/\\u0026\\u003C\\u003Evalue-1")]
    [InlineData("custom&#x2B;/&amp;&lt;&gt;value-1")]
    [InlineData("custom+/&amp;&lt;&gt;value-1")]
    [InlineData("custom%2B%2F%26%3C%3Evalue-1")]
    public void Escaped_forms_of_a_secret_are_redacted_too(string escaped)
    {
        var redactor = new SecretRedactor();
        redactor.Add("custom+/&<>value-1");

        Assert.Equal("[***]", redactor.Redact($"[{escaped}]"));
    }

    [Fact]
    public void Credentials_in_any_url_are_removed_by_shape()
    {
        Assert.Equal("see https://***@example.com/x and ftp://***@h", new SecretRedactor().Redact("see https://u:p@example.com/x and ftp://token@h"));
    }

    [Fact]
    public void SafeLength_holds_back_an_ending_that_could_start_a_secret()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abcdef-secret");

        Assert.Equal("hello ".Length, redactor.SafeLength("hello abcdef-se"));
        Assert.Equal("hello world".Length, redactor.SafeLength("hello world"));
    }
}
