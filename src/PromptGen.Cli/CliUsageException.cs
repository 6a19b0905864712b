namespace PromptGen.Cli;

/// <summary>The command line or a file it names is wrong; the message says what and how to fix it. Exit code 2.</summary>
/// <param name="message">What is wrong and how to fix it.</param>
internal sealed class CliUsageException(string message) : Exception(message);
