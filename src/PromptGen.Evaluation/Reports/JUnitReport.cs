using System.Globalization;
using System.Text;
using System.Xml;

namespace PromptGen.Evaluation.Reports;

/// <summary>JUnit XML for CI: FAIL → &lt;failure&gt;, ERROR → &lt;error&gt;, SKIPPED → &lt;skipped&gt;.</summary>
internal static class JUnitReport
{
    public const string FileName = "junit.xml";

    public static void Write(string path, RunResults run)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var writer = XmlWriter.Create(path, settings);
        var s = run.Summary;
        writer.WriteStartElement("testsuites");
        Counts(writer, run.Suite, s);
        writer.WriteStartElement("testsuite");
        Counts(writer, run.Suite, s);
        writer.WriteAttributeString("timestamp", run.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        foreach (var result in run.Cases)
        {
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("name", result.Key);
            writer.WriteAttributeString("classname", Path.GetFileNameWithoutExtension(result.File));
            writer.WriteAttributeString("file", result.File);
            writer.WriteAttributeString("line", result.Line.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("time", Seconds(result.LatencyMs));
            switch (result.Outcome)
            {
                case Outcomes.Fail:
                    writer.WriteStartElement("failure");
                    writer.WriteAttributeString("message", Clean(result.Reason ?? "failed"));
                    writer.WriteAttributeString("type", "RuleFailed");
                    writer.WriteString(Clean(string.Join('\n', result.FailedRules.Select(f => $"{f.Rule}: {f.Message}")) + "\n\nresponse:\n" + result.Response));
                    writer.WriteEndElement();
                    break;
                case Outcomes.Error:
                    writer.WriteStartElement("error");
                    writer.WriteAttributeString("message", Clean(result.Reason ?? "error"));
                    writer.WriteAttributeString("type", "Error");
                    writer.WriteEndElement();
                    break;
                case Outcomes.Skipped:
                    writer.WriteStartElement("skipped");
                    writer.WriteAttributeString("message", Clean(result.Reason ?? "skipped"));
                    writer.WriteEndElement();
                    break;
            }

            if (result.Response is { } response)
            {
                writer.WriteElementString("system-out", Clean(response));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void Counts(XmlWriter writer, string suite, RunSummary s)
    {
        writer.WriteAttributeString("name", suite);
        writer.WriteAttributeString("tests", s.Total.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("failures", s.Failed.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("errors", s.Errors.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("skipped", s.Skipped.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("time", Seconds(s.WallMs));
    }

    private static string Seconds(double ms) => (ms / 1000).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Model output may hold characters XML cannot carry; they are dropped.</summary>
    private static string Clean(string text) => text.All(XmlConvert.IsXmlChar) ? text : new string([.. text.Where(XmlConvert.IsXmlChar)]);
}
