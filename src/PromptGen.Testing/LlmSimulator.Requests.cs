using System.Text.Json;

namespace PromptGen.Testing;

public sealed partial class LlmSimulator
{
    /// <summary>
    /// What the real API answers to a chat request that lacks a model or messages (400, in its own words), or
    /// <see langword="null"/> when the request is complete. A missing key is scripted with <see cref="SimulatorFault.Unauthorized"/>:
    /// the same simulator also stands in for keyless OpenAI-compatible servers (Ollama, vLLM, LM Studio).
    /// </summary>
    private static SimulatedError? RequestProblem(RecordedRequest request)
    {
        var root = request.BodyJson!.Value;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, "The request body must be a JSON object.");
        }

        if (string.IsNullOrEmpty(request.Model))
        {
            return request.Protocol switch
            {
                SimulatorProtocol.Anthropic => new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, "model: Field required"),
                SimulatorProtocol.Ollama => new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, "model is required"),
                _ => new SimulatedError(400, "invalid_request_error", "invalid_request_error", "missing_required_parameter", "you must provide a model parameter"),
            };
        }

        var hasMessages = root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array;
        if (request.Protocol == SimulatorProtocol.Anthropic && !(root.TryGetProperty("max_tokens", out var max) && max.ValueKind == JsonValueKind.Number))
        {
            return new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, "max_tokens: Field required");
        }

        if (request.MaxTokens is < 1 and var tooFew)
        {
            return request.Protocol == SimulatorProtocol.Anthropic
                ? new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, "max_tokens: Input should be greater than or equal to 1")
                : Below(root.TryGetProperty("max_completion_tokens", out _) ? "max_completion_tokens" : "max_tokens", tooFew, 1);
        }

        if (request.Protocol == SimulatorProtocol.OpenAI && request.Choices is < 1 or > 128)
        {
            return request.Choices < 1 ? Below("n", request.Choices, 1)
                : new SimulatedError(400, "invalid_request_error", "invalid_request_error", "integer_above_max_value",
                    $"Invalid 'n': integer above maximum value. Expected a value <= 128, but got {request.Choices} instead.");
        }

        return request.Protocol switch
        {
            SimulatorProtocol.OpenAI when !hasMessages => new SimulatedError(400, "invalid_request_error", "invalid_request_error", "missing_required_parameter", "Missing required parameter: 'messages'."),
            SimulatorProtocol.OpenAI when messages.GetArrayLength() == 0 => new SimulatedError(400, "invalid_request_error", "invalid_request_error", "empty_array", "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead."),
            SimulatorProtocol.Anthropic when !hasMessages => new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, "messages: Field required"),
            SimulatorProtocol.Anthropic when messages.GetArrayLength() == 0 => new SimulatedError(400, "invalid_request_error", "invalid_request_error", null, "messages: at least one message is required"),
            _ => null,
        };
    }

    private static readonly string[] KeyHeaders = ["Authorization", "api-key", "x-api-key"];

    /// <summary>The hosted APIs' 401 for a request that carries no key.</summary>
    private static SimulatedError? MissingKey(RecordedRequest request)
    {
        var hasKey = KeyHeaders.Any(h => request.Headers.TryGetValue(h, out var value) && value.Trim().Length > 0);
        return hasKey ? null : request.Protocol switch
        {
            SimulatorProtocol.OpenAI => new SimulatedError(401, "authentication_error", "invalid_request_error", null,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."),
            SimulatorProtocol.Anthropic => new SimulatedError(401, "authentication_error", "invalid_request_error", null, "x-api-key header is required"),
            _ => null,
        };
    }

    private static SimulatedError Below(string field, int value, int minimum) => new(400, "invalid_request_error", "invalid_request_error", "integer_below_min_value",
        $"Invalid '{field}': integer below minimum value. Expected a value >= {minimum}, but got {value} instead.");
}
