namespace PromptGen;

/// <summary>What the router does with model exchanges: call the model, record each exchange, or answer from a recording.</summary>
public enum ChatRecordingMode
{
    /// <summary>Call the model; record nothing (the default).</summary>
    Off,

    /// <summary>Call the model and write every successful exchange (request fingerprint → response, usage, latency) to the recording directory.</summary>
    Record,

    /// <summary>
    /// Answer every request from the recording directory without calling the model (no network, no API key needed).
    /// A request with no recording fails with a <see cref="PromptConfigurationException"/> that names the nearest
    /// recorded request and the first field that differs — never a live call.
    /// </summary>
    Replay,
}
