using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace PromptGen.Generators.Emit;

/// <summary>C# literals for generated code.</summary>
internal static class Literals
{
    public static string String(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Float(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

    /// <summary>A <c>TimeSpan</c> from seconds.</summary>
    public static string Seconds(double seconds) => $"global::System.TimeSpan.FromSeconds({Double(seconds)})";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A UTF-8 raw string literal, with enough quotes to hold any run of quotes in <paramref name="value"/>.</summary>
    public static string Utf8Raw(string value)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in value)
        {
            run = c == '"' ? run + 1 : 0;
            longest = run > longest ? run : longest;
        }

        var quotes = new string('"', longest < 3 ? 3 : longest + 1);
        return value.Length == 0 || value[0] == '"' || value[value.Length - 1] == '"' || value.IndexOf('\n') >= 0
            ? String(value) + "u8"
            : quotes + value + quotes + "u8";
    }
}
