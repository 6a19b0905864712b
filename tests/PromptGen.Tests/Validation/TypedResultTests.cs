using System.Text.Json;
using System.Text.Json.Serialization;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

public sealed class Order
{
    public required string Id { get; init; }

    public string? Note { get; init; }

    public List<Line> Lines { get; init; } = [];
}

public sealed record Line(string Sku, int Quantity);

[JsonSerializable(typeof(Order))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class OrderJson : JsonSerializerContext;

[JsonSerializable(typeof(Order))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
internal sealed partial class StrictOrderJson : JsonSerializerContext;

/// <summary>Typed checks through generated metadata: every required, null and kind error at once, with its path.</summary>
public class TypedResultTests
{
    [Fact]
    public void Reports_every_problem_with_its_path()
    {
        var json = JsonDocument.Parse("""{"note":null,"lines":[{"sku":null,"quantity":"2"},{"quantity":1},"x"]}""").RootElement;

        var errors = TypedJson.Check(json, StrictOrderJson.Default.Order);

        Assert.Equal(
            [
                "$.id is required but missing; add \"id\" (a string).",
                "$.lines[0].sku must not be null; give it a string.",
                "$.lines[0].quantity must be a number, not a string.",
                "$.lines[1].sku is required but missing; add \"sku\" (a string).",
                "$.lines[2] must be a JSON object (Line), not a string.",
            ],
            errors);
    }

    [Fact]
    public void Required_constructor_parameters_are_enforced_even_when_the_context_does_not_ask()
    {
        var json = JsonDocument.Parse("""{"id":"A1","lines":[{"sku":"s"}]}""").RootElement;

        Assert.Contains("$.lines[0].quantity is required but missing; add \"quantity\" (a number).", TypedJson.Check(json, OrderJson.Default.Order));
    }

    [Fact]
    public void Nullability_is_enforced_when_the_metadata_carries_it()
    {
        var json = JsonDocument.Parse("""{"id":null}""").RootElement;

        Assert.Contains("$.id must not be null; give it a string.", TypedJson.Check(json, StrictOrderJson.Default.Order));
    }

    [Fact]
    public void Nullability_is_enforced_even_when_the_context_does_not_respect_nullable_annotations()
    {
        var json = JsonDocument.Parse("""{"id":null}""").RootElement;

        // The source generator records the annotations in the metadata (IsSetNullable) whatever the flag says.
        Assert.Contains("$.id must not be null; give it a string.", TypedJson.Check(json, OrderJson.Default.Order));
    }

    [Fact]
    public void A_valid_value_deserializes()
    {
        var json = JsonDocument.Parse("""{"id":"A1","note":null,"lines":[{"sku":"s","quantity":2}]}""").RootElement;

        Assert.Empty(TypedJson.Check(json, OrderJson.Default.Order));
        var (value, error) = TypedJson.Deserialize(json, OrderJson.Default.Order);
        Assert.Null(error);
        Assert.Equal(2, value!.Lines[0].Quantity);
    }
}
