using System.Text.Json.Serialization;

namespace PromptGen.Tests.Validation.Lenient;

[JsonConverter(typeof(JsonStringEnumConverter<Priority>))]
public enum Priority
{
    Low,
    Medium,
    High,

    [JsonStringEnumMemberName("très urgent")]
    Urgent,
}

public sealed record Ticket(string Title, Priority Priority, List<string> Tags, int Count);

[JsonSerializable(typeof(Ticket))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class TicketJson : JsonSerializerContext;
