using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PromptGen;

public sealed partial class PromptTrace
{
    /// <summary>Writes the attempts and the debug timeline as JSON (no reflection; safe for AOT).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("attempts");
            foreach (var attempt in Attempts)
            {
                json.WriteStartObject();
                json.WriteString("model", attempt.ModelId);
                json.WriteString("provider", attempt.Provider);
                json.WriteString("kind", attempt.Kind.ToString());
                json.WriteString("outcome", attempt.Outcome.ToString());
                json.WriteString("startedAt", attempt.StartedAt.ToString("O", CultureInfo.InvariantCulture));
                json.WriteNumber("durationMs", attempt.Duration.TotalMilliseconds);
                json.WriteNumber("delayMs", attempt.Delay.TotalMilliseconds);
                if (attempt.BudgetWait > TimeSpan.Zero)
                {
                    json.WriteNumber("budgetWaitMs", attempt.BudgetWait.TotalMilliseconds);
                }

                WriteOptional(json, "inputTokens", attempt.InputTokens);
                WriteOptional(json, "outputTokens", attempt.OutputTokens);
                WriteOptional(json, "statusCode", attempt.StatusCode);
                if (attempt.CostUsd is { } cost)
                {
                    json.WriteNumber("costUsd", cost);
                }

                if (attempt.ErrorKind is { } error)
                {
                    json.WriteString("errorKind", error.ToString());
                    json.WriteString("errorMessage", attempt.ErrorMessage);
                }

                if (attempt.Repairs.Count > 0)
                {
                    json.WriteStartArray("repairs");
                    foreach (var repair in attempt.Repairs)
                    {
                        json.WriteStartObject();
                        json.WriteString("kind", repair.Kind.ToString());
                        json.WriteString("path", repair.Path);
                        json.WriteNumber("line", repair.Line);
                        json.WriteNumber("column", repair.Column);
                        json.WriteString("description", repair.Description);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("debug");
            foreach (var entry in DebugEvents)
            {
                json.WriteStartObject();
                json.WriteString("at", entry.At.ToString("O", CultureInfo.InvariantCulture));
                json.WriteString("kind", entry.Kind.ToString());
                json.WriteString("model", entry.ModelId);
                json.WriteString("detail", entry.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
