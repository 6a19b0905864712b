namespace PromptGen.Testing;

/// <summary>Settings of an <see cref="LlmSimulator"/>.</summary>
public sealed class LlmSimulatorOptions
{
    /// <summary>Gets or sets the port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Gets or sets the clock for latency and timestamps. Default: <see cref="TimeProvider.System"/>; use a
    /// <c>FakeTimeProvider</c> (or <see cref="FakeClock"/>) to control <see cref="SimulatorRuleBuilder.WithLatency"/> in tests.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the rules to start with (more can be added through <see cref="LlmSimulator.Script"/>).</summary>
    public SimulatorScript? Script { get; set; }

    /// <summary>
    /// Gets or sets the reply sent when no rule matches; <c>{user}</c> stands for the last user text.
    /// <see langword="null"/> keeps the script's own, by default <c>Simulated reply to: {user}</c>.
    /// </summary>
    public string? DefaultReply { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the simulator honours a JSON schema sent with a request (OpenAI
    /// <c>response_format.json_schema</c>, Anthropic <c>output_format</c>/<c>output_config.format</c>, Ollama <c>format</c>)
    /// the way a provider's strict structured output does: a scripted reply is read against the schema (PromptGen's
    /// lenient reader) and sent as the valid JSON recovered; a reply that cannot be made to fit is sent as written.
    /// Default: <see langword="false"/> — schemas are ignored and replies are sent exactly as scripted, like a model
    /// without structured output. <see cref="LlmSimulator.HonourResponseFormat"/> changes it while running.
    /// </summary>
    public bool HonourResponseFormat { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether an OpenAI or Anthropic request without an API key (no <c>Authorization</c>,
    /// <c>api-key</c> or <c>x-api-key</c> header) gets the real API's 401 in its own words, as the hosted APIs answer.
    /// Default: <see langword="false"/> — keyless requests are answered, since the same simulator stands in for keyless
    /// OpenAI-compatible servers (Ollama, vLLM, LM Studio); Ollama's native API never needs a key.
    /// <see cref="LlmSimulator.RequireApiKey"/> changes it while running.
    /// </summary>
    public bool RequireApiKey { get; set; }

    /// <summary>
    /// Gets or sets how many requests <see cref="LlmSimulator.Requests"/> keeps in memory; when a new one arrives past this
    /// number, the oldest is dropped (<see cref="LlmSimulator.TotalRequests"/> still counts every request). Default:
    /// 10,000 — enough for any test, and a bound for a simulator left running (<c>promptgen simulate</c>).
    /// </summary>
    public int MaxRecordedRequests { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets a writer that receives one JSON line per request once it is answered: time, method, path, protocol,
    /// model, stream, status, the first words of the user's prompt, and whether an API key was sent (never the key: every
    /// key the request carried, and anything shaped like one, is redacted). Default: <see langword="null"/>, no log.
    /// The simulator does not dispose it.
    /// </summary>
    public TextWriter? RequestLog { get; set; }
}
