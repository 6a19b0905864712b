using System.Text;

namespace PromptGen.Generated;

/// <summary>The message that asks a model to fix its previous answer, listing the exact errors (and the schema for JSON results).</summary>
internal static class RepairPrompt
{
    public static string Build(IReadOnlyList<string> errors, ReadOnlyMemory<byte> schema)
    {
        var text = new StringBuilder("Your previous answer was not accepted. Fix every problem below:\n");
        foreach (var error in errors)
        {
            text.Append("- ").Append(error).Append('\n');
        }

        if (schema.IsEmpty)
        {
            text.Append("Reply again with the complete corrected answer only.");
        }
        else
        {
            text.Append("Reply again with only the corrected JSON, no prose and no code fence, matching this JSON schema:\n");
            text.Append(Encoding.UTF8.GetString(schema.Span));
        }

        return text.ToString();
    }
}
