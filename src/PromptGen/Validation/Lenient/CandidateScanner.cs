namespace PromptGen.Validation.Lenient;

/// <summary>
/// Finds the JSON objects and arrays of an answer in one forward pass: inside Markdown fences and in prose. Each
/// value is read to its end and the scan continues after it, so a value nested in another is never a candidate of
/// its own (and the text is read once: linear time).
/// </summary>
internal static class CandidateScanner
{
    private const int MaxCandidates = 64;

    public static List<Candidate> Scan(string text, out string? failure, out int failureOffset)
    {
        var found = new List<Candidate>();
        failure = null;
        failureOffset = 0;
        ScanRegion(text, 0, text.Length, fenced: false, found, ref failure, ref failureOffset);
        return found;
    }

    private static void ScanRegion(string text, int start, int end, bool fenced, List<Candidate> found, ref string? failure, ref int failureOffset)
    {
        var lineStart = true;
        var i = start;
        while (i < end && found.Count < MaxCandidates && failure is null)
        {
            var c = text[i];
            if (!fenced && lineStart && c == '`' && i + 3 <= end && text[i + 1] == '`' && text[i + 2] == '`')
            {
                i = ScanFence(text, i, end, found, ref failure, ref failureOffset);
                lineStart = true;
                continue;
            }

            if (c is '{' or '[')
            {
                var reader = new LenientReader(text, i, end);
                var node = reader.ReadContainer();
                if (node is null)
                {
                    failure = reader.Failure;
                    failureOffset = reader.FailureOffset;
                    return;
                }

                found.Add(new Candidate(node, reader.Repairs, i, reader.Position, fenced, lineStart));
                i = Math.Max(reader.Position, i + 1);
                lineStart = StartsLine(text, i, start);
                continue;
            }

            lineStart = c == '\n' || (lineStart && c is ' ' or '\t' or '\r');
            i++;
        }
    }

    private static bool StartsLine(string text, int i, int start)
    {
        while (i > start && text[i - 1] is ' ' or '\t')
        {
            i--;
        }

        return i == start || text[i - 1] == '\n';
    }

    /// <summary>Scans the body of the fence opening at <paramref name="open"/>; returns the offset after its closing line.</summary>
    private static int ScanFence(string text, int open, int end, List<Candidate> found, ref string? failure, ref int failureOffset)
    {
        var newline = text.IndexOf('\n', open, end - open);
        if (newline < 0)
        {
            return end;
        }

        var bodyStart = newline + 1;
        var bodyEnd = end;
        var after = end;
        for (var search = bodyStart; search < end;)
        {
            var fence = text.IndexOf("```", search, end - search, StringComparison.Ordinal);
            if (fence < 0)
            {
                break;
            }

            var lineBegin = fence;
            while (lineBegin > bodyStart && text[lineBegin - 1] is ' ' or '\t')
            {
                lineBegin--;
            }

            if (lineBegin == bodyStart || text[lineBegin - 1] == '\n')
            {
                bodyEnd = lineBegin;
                var lineEnd = text.IndexOf('\n', fence, end - fence);
                after = lineEnd < 0 ? end : lineEnd + 1;
                break;
            }

            search = fence + 3;
        }

        ScanRegion(text, bodyStart, bodyEnd, fenced: true, found, ref failure, ref failureOffset);
        return after;
    }
}
