using System.Text.Json;
using PromptGen.Tests.Validation.Lenient;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

/// <summary>Repair messages for enums list the allowed names as the model must write them and never name a .NET type.</summary>
public class EnumRepairTests
{
    private const string Allowed = "one of: Low, Medium, High, très urgent";

    [Fact]
    public void A_missing_enum_member_is_asked_for_with_its_allowed_names()
    {
        var errors = TypedJson.Check(JsonDocument.Parse("""{"title":"t","tags":[],"count":1}""").RootElement, TicketJson.Default.Ticket);

        Assert.Equal($"$.priority is required but missing; add \"priority\" ({Allowed}).", Assert.Single(errors));
    }

    [Theory]
    [InlineData("\"Critical\"", "\"Critical\"")]
    [InlineData("7", "7")]
    public void A_value_outside_the_enum_says_which_names_are_allowed_in_the_member_check(string written, string quoted)
    {
        var errors = TypedJson.Check(JsonDocument.Parse($$"""{"title":"t","priority":{{written}},"tags":[],"count":1}""").RootElement, TicketJson.Default.Ticket);

        Assert.Equal($"$.priority is {quoted}, which is not allowed; use {Allowed}.", Assert.Single(errors));
    }

    [Theory]
    [InlineData("high", JsonParsePolicy.RepairAndCoerce)]
    [InlineData("très urgent", JsonParsePolicy.Strict)]
    public void Names_are_accepted_as_the_converter_reads_them(string name, JsonParsePolicy policy)
    {
        var result = JsonExtractor.Parse($$"""{"title":"t","priority":"{{name}}","tags":[],"count":1}""", TicketJson.Default.Ticket, policy);

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData(JsonParsePolicy.Strict)]
    [InlineData(JsonParsePolicy.RepairAndCoerce)]
    public void The_parse_errors_never_name_the_dotnet_type(JsonParsePolicy policy)
    {
        var result = JsonExtractor.Parse("""{"title":"t","priority":"Critical","tags":[],"count":1}""", TicketJson.Default.Ticket, policy);

        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain("PromptGen.Tests", error, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be converted", error, StringComparison.Ordinal);
        Assert.Contains("\"Critical\" is not one of the allowed values: \"Low\", \"Medium\", \"High\", \"très urgent\"", error, StringComparison.Ordinal);
    }
}
