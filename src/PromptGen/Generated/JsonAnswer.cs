namespace PromptGen.Generated;

/// <summary>
/// Finds the JSON in a model's answer: tolerant of code fences and of prose before or after the value.
/// </summary>
internal static class JsonAnswer
{
    public static string Extract(string text)
    {
        var span = text.AsSpan().Trim();
        var fence = span.IndexOf("```".AsSpan());
        if (fence >= 0)
        {
            var body = span[(fence + 3)..];
            var newline = body.IndexOf('\n');
            if (newline >= 0)
            {
                body = body[(newline + 1)..];
                var close = body.IndexOf("```".AsSpan());
                return (close >= 0 ? body[..close] : body).Trim().ToString();
            }
        }

        var start = span.IndexOfAny('{', '[');
        if (start < 0)
        {
            return span.ToString();
        }

        var open = span[start];
        var end = span.LastIndexOf(open == '{' ? '}' : ']');
        return end > start ? span[start..(end + 1)].ToString() : span[start..].ToString();
    }
}
