namespace PromptGen;

/// <summary>
/// Names of PromptGen's OpenTelemetry sources. Subscribe with <c>AddSource(PromptGenDiagnostics.ActivitySourceName)</c>
/// and <c>AddMeter(PromptGenDiagnostics.MeterName)</c>. Activities and metrics follow the OpenTelemetry GenAI semantic
/// conventions (<c>gen_ai.*</c>); message content is recorded only when <see cref="PromptGenOptions.RecordMessageContent"/> is on.
/// </summary>
public static class PromptGenDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "PromptGen";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "PromptGen";
}
