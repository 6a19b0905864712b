using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptGen.Testing;

public sealed partial class LlmSimulator
{
    /// <summary>Query parameters that carry credentials (Gemini's <c>key</c>, signed URLs, tokens): their values are never logged.</summary>
    private static readonly string[] SecretQueryNames = ["key", "api_key", "api-key", "apikey", "token", "access_token", "sig", "signature", "code"];

    /// <summary>
    /// Writes one JSON line about an answered request to <see cref="LlmSimulatorOptions.RequestLog"/>. The key is never
    /// written: <c>apiKey</c> only says one was sent and how, credential query values become <c>***</c>, and the whole
    /// line goes through PromptGen's <see cref="SecretRedactor"/> holding every key the request carried (so a prompt
    /// that quotes the key is redacted too, as is anything shaped like a provider key).
    /// </summary>
    private void WriteLog(RecordedRequest request, HttpContext context, SimulatorFault? fault, bool aborted)
    {
        var redactor = new SecretRedactor();
        string? keyKind = null;
        foreach (var header in (string[])["Authorization", "x-api-key", "api-key", "x-goog-api-key"])
        {
            if (request.Headers.TryGetValue(header, out var value) && value.Length > 0)
            {
                keyKind ??= header;
                redactor.Add(value);
                redactor.Add(value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value);
            }
        }

        var user = request.LastUserMessageText ?? request.LastUserText;
        var line = new JsonObject
        {
            ["time"] = request.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
            ["method"] = request.Method,
            ["path"] = RedactQuery(context.Request, request.Path),
            ["protocol"] = request.Protocol.ToString(),
            ["model"] = request.Model,
            ["stream"] = request.Stream,
            ["status"] = aborted ? null : context.Response.StatusCode,
            ["aborted"] = aborted ? true : null,
            ["fault"] = fault?.ToString(),
            ["ms"] = Math.Round((_time.GetUtcNow() - request.ReceivedAt).TotalMilliseconds, 1),
            ["apiKey"] = keyKind is null ? null : $"{keyKind} {Secret.Redacted}",
            ["images"] = request.Images.Count == 0 ? null : request.Images.Count,
            ["user"] = user is null ? null : Clip(user.ReplaceLineEndings(" "), 200),
        };
        foreach (var empty in line.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            line.Remove(empty);
        }

        var text = redactor.Redact(line.ToJsonString());
        lock (_log!)
        {
            _log.WriteLine(text);
            _log.Flush();
        }
    }

    private static string RedactQuery(HttpRequest http, string path)
    {
        foreach (var name in SecretQueryNames)
        {
            if (http.Query.TryGetValue(name, out var values))
            {
                foreach (var value in values.OfType<string>().Where(v => v.Length > 0))
                {
                    path = path.Replace(name + "=" + Uri.EscapeDataString(value), name + "=" + Secret.Redacted, StringComparison.OrdinalIgnoreCase)
                        .Replace(name + "=" + value, name + "=" + Secret.Redacted, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        return path;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
