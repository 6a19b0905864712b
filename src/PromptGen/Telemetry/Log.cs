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

    [LoggerMessage(4, LogLevel.Information, "Retrying {ModelId} (retry {Retry}) in {Delay} after {Error}")]
    public static partial void Retrying(ILogger logger, string modelId, int retry, TimeSpan delay, string error);

    [LoggerMessage(5, LogLevel.Warning, "Circuit for {ModelId} opened for {BreakDuration}")]
    public static partial void CircuitOpened(ILogger logger, string modelId, TimeSpan breakDuration);

    [LoggerMessage(6, LogLevel.Information, "Circuit for {ModelId} half-open: letting one probe through")]
    public static partial void CircuitHalfOpened(ILogger logger, string modelId);

    [LoggerMessage(7, LogLevel.Information, "Circuit for {ModelId} closed")]
    public static partial void CircuitClosed(ILogger logger, string modelId);

    [LoggerMessage(8, LogLevel.Warning, "Response cache {Operation} failed ({Error}: {Message}); the call goes on without the cache")]
    public static partial void CacheUnavailable(ILogger logger, string operation, string error, string message);

    [LoggerMessage(9, LogLevel.Information, "Answer of {ModelId} not cached: {Reason}")]
    public static partial void CacheSkipped(ILogger logger, string modelId, string reason);
}
