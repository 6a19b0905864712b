using System.Globalization;
using System.Text.Json;

namespace PromptGen;

/// <summary>
/// Turns whatever an attempt threw into PromptGen's typed errors. The classification uses the HTTP status the
/// <see cref="ProviderHttpHandler"/> recorded, then exception types; never message text. Messages say what, where and
/// how to fix, and pass through the <see cref="SecretRedactor"/>.
/// </summary>
internal static class ErrorMapper
{
    public static PromptGenException Map(Exception exception, AttemptContext context, ModelRoute route, TimeoutKind timeout, SecretRedactor redactor, TimeSpan limit)
    {
        if (exception is PromptGenException known)
        {
            // Providers that are not HTTP (Claude Code) classify their own errors; the route fills in where.
            return known.ModelId is null ? Decorate(known, route, known.StatusCode) : known;
        }

        var where = $"model '{route.Id.Original}' ({route.Endpoint.Provider} at {route.Endpoint.DisplayUrl})";
        PromptGenException result;
        if (timeout == TimeoutKind.Deadline)
        {
            result = DeadlineExceeded(route);
        }
        else if (timeout == TimeoutKind.Attempt)
        {
            result = new PromptTimeoutException(
                $"No answer from {where} within {Seconds(limit)} (the attempt timeout). " +
                $"Raise PromptGen:Providers:{route.Endpoint.Provider}:Timeout (or PromptCallOptions.AttemptTimeout) if the model is slow, or check that the endpoint is up.");
        }
        else if (timeout == TimeoutKind.FirstToken)
        {
            result = new PromptTimeoutException(
                $"The stream from {where} sent no content within {Seconds(limit)} (the first-token timeout). " +
                "Raise PromptGen:FirstTokenTimeout, [Timeout(FirstTokenSeconds = …)] or PromptCallOptions.FirstTokenTimeout if the model thinks long before answering, or check that the endpoint is up.");
        }
        else if (timeout == TimeoutKind.Idle)
        {
            result = new PromptTimeoutException(
                $"The stream from {where} stalled: no update for {Seconds(limit)} (the idle timeout). " +
                "Raise PromptGen:IdleTimeout, [Timeout(IdleSeconds = …)] or PromptCallOptions.IdleTimeout if the model pauses mid-answer, or check the endpoint.");
        }
        else if (context.Failure is { } http)
        {
            result = FromStatus(http, where, route, redactor);
        }
        else
        {
            // SDKs wrap transport errors (OpenAI: ClientResultException around HttpRequestException): classify the cause.
            result = Cause(exception) switch
            {
                // Only a failure to connect means the server could not be reached; a connection reset or cut after the request
                // went out (a crash, a proxy's body-size limit, a dropped stream) broke off.
                HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } request => new ProviderUnavailableException(
                    $"Could not reach {where}: {redactor.Redact(request.Message)}. Check that the server is running and the base URL is right (from {Source(route, "BaseUrl")})."),
                HttpRequestException or IOException => new ProviderUnavailableException(
                    $"The connection to {where} broke off mid-response: {redactor.Redact(Innermost(exception).Message)}. This is usually transient; retry or configure a fallback model. "
                    + "If it happens every time with a large prompt or image, the server or a proxy may refuse bodies that big."),
                JsonException or FormatException or InvalidOperationException => new InvalidProviderResponseException(
                    $"{Capitalized(where)} answered with a body PromptGen could not read ({exception.GetType().Name}: {redactor.Redact(exception.Message)}). " +
                    $"Check that the endpoint speaks the '{route.Endpoint.Kind}' protocol."),
                _ => new InvalidProviderResponseException(
                    $"The call to {where} failed unexpectedly ({exception.GetType().Name}: {redactor.Redact(exception.Message)})."),
            };
        }

        return Decorate(result, route, context.Failure?.StatusCode);
    }

    public static PromptGenException DeadlineExceeded(ModelRoute route) => Decorate(
        new PromptTimeoutException($"The call's overall deadline passed while waiting on model '{route.Id.Original}' ({route.Endpoint.Provider}). Raise PromptGen:TotalTimeout (or PromptCallOptions.TotalTimeout), or lower the retry count."),
        route,
        null);

    public static CircuitOpenException CircuitOpen(ModelRoute route, TimeSpan? retryAfter)
    {
        var when = retryAfter is { } wait ? $" It lets a probe through in {Seconds(wait)}." : string.Empty;
        var error = new CircuitOpenException(
            $"The circuit for '{route.Id.Canonical}' is open after repeated transient failures, so the call was not sent.{when} Calls go to the next fallback meanwhile; configure one if there is none.",
            retryAfter);
        Decorate(error, route, null);
        return error;
    }

    public static PromptGenException ContentFiltered(ModelRoute route) => Decorate(
        new ContentFilteredException($"The content filter of model '{route.Id.Original}' ({route.Endpoint.Provider}) blocked the answer. Rephrase the prompt or use another model."),
        route,
        null);

    private static PromptGenException FromStatus(HttpFailure http, string where, ModelRoute route, SecretRedactor redactor)
    {
        var said = string.IsNullOrWhiteSpace(http.ProviderMessage) ? string.Empty : $": {redactor.Redact(http.ProviderMessage).TrimEnd().TrimEnd('.')}";
        var status = $"HTTP {http.StatusCode}";
        if (IsContentFilterCode(http.ErrorCode))
        {
            return new ContentFilteredException($"The content filter of {where} blocked the request ({status}){said}. Rephrase the prompt or use another model.");
        }

        return http.StatusCode switch
        {
            401 or 403 => new AuthenticationFailedException(
                $"{Capitalized(where)} rejected the credentials ({status}){said}. Check the API key (from {Source(route, "ApiKey")})."),
            429 => new RateLimitedException(
                $"{Capitalized(where)} is rate limiting ({status}){said}." +
                (http.RetryAfter is { } wait ? $" It asked to wait {Seconds(wait)}." : string.Empty) +
                " Slow down, or configure a fallback model.",
                http.RetryAfter),
            408 => new PromptTimeoutException($"{Capitalized(where)} timed out the request ({status}){said}. Retry, or raise the provider's timeout."),
            >= 500 => new ProviderUnavailableException(
                $"{Capitalized(where)} failed ({status}){said}. The provider may be down or overloaded; retry later or configure a fallback model."),
            _ => new BadRequestException(
                $"{Capitalized(where)} rejected the request ({status}){said}. Check the model name '{route.Id.Model}' and the request options."),
        };
    }

    private static bool IsContentFilterCode(string? code) =>
        code is not null && (code.Contains("content_filter", StringComparison.OrdinalIgnoreCase) || code.Contains("content_policy", StringComparison.OrdinalIgnoreCase));

    private static PromptGenException Decorate(PromptGenException exception, ModelRoute route, int? status)
    {
        exception.ModelId = route.Id.Canonical;
        exception.Provider = route.Endpoint.Provider;
        exception.Endpoint = route.Endpoint.DisplayUrl;
        exception.StatusCode = status;
        return exception;
    }

    private static Exception Cause(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or IOException or JsonException)
            {
                return current;
            }
        }

        return exception;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    private static string Source(ModelRoute route, string setting) => route.Endpoint.Sources.GetValueOrDefault(setting, "no setting");

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
