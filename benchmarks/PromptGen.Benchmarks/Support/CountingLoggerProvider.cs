using Microsoft.Extensions.Logging;

namespace PromptGen.Benchmarks;

/// <summary>
/// A log sink that is enabled from <c>minimum</c> up and does what a text sink does with each message — formats it —
/// then throws the text away, counting the messages so a setup can check that logging happened. Nothing is written
/// anywhere, so the measurement holds the logging middleware's own work and no I/O.
/// </summary>
internal sealed class CountingLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    private readonly LogLevel _minimum = minimum;
    private int _written;

    /// <summary>Gets the number of messages formatted so far.</summary>
    public int Written => Volatile.Read(ref _written);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CountingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            _ = formatter(state, exception);
            Interlocked.Increment(ref owner._written);
        }
    }
}
