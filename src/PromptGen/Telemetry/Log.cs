using Microsoft.Extensions.Logging;

namespace PromptGen;

/// <summary>Source-generated log messages. Arguments are ids and redacted messages only, never prompts or keys.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Attempt on {ModelId} failed ({Kind}): {Message}")]
    public static partial void AttemptFailed(ILogger logger, string modelId, PromptErrorKind kind, string message);

    [LoggerMessage(2, LogLevel.Information, "Falling back from {From} to {To}")]
    public static partial void FallingBack(ILogger logger, string from, string to);

    [LoggerMessage(3, LogLevel.Debug, "Resolved route {Route}")]
    public static partial void RouteResolved(ILogger logger, ModelRoute route);
}
