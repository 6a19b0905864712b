namespace PromptGen.Testing;

/// <summary>Settings of an <see cref="LlmSimulator"/>.</summary>
public sealed class LlmSimulatorOptions
{
    /// <summary>Gets or sets the port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the clock for latency and timestamps. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the rules to start with (more can be added through <see cref="LlmSimulator.Script"/>).</summary>
    public SimulatorScript? Script { get; set; }
}
