namespace PromptGen;

/// <summary>The provider rejected the request (HTTP 400, 404 or 422), for example an unknown model name or an invalid parameter. Not retried.</summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class BadRequestException(string message, Exception? innerException = null) : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.BadRequest;

}
