using System.Runtime.CompilerServices;
using System.Text;

namespace PromptGen.Generators.Tests.Emit;

/// <summary>
/// A small approved-file helper (Verify does not restore here): compares text with <c>_snapshots/{name}.verified.cs</c>.
/// A mismatch writes <c>{name}.received.cs</c> beside it and fails with the first differing line; setting
/// <c>PROMPTGEN_ACCEPT_SNAPSHOTS=1</c> accepts the received text instead.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(callerPath))!, "_snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable("PROMPTGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot '{verified}' yet. Review '{received}' and rename it to .verified.cs (or run with PROMPTGEN_ACCEPT_SNAPSHOTS=1)."
            : $"Generated code differs from '{verified}'.\n{FirstDifference(expected, actual)}\nReview '{received}'; if it is right, accept it (rename, or run with PROMPTGEN_ACCEPT_SNAPSHOTS=1).");
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (left != right)
            {
                return new StringBuilder()
                    .Append("line ").Append(i + 1).Append(":\n")
                    .Append("- ").Append(left).Append('\n')
                    .Append("+ ").Append(right)
                    .ToString();
            }
        }

        return "(only line endings differ)";
    }
}
