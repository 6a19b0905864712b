using System.Globalization;
using PromptGen.Validation;
using PromptGen.Validation.Lenient;

namespace PromptGen.Benchmarks;

/// <summary>
/// <c>--probe json-stages &lt;n&gt;</c>: where the time and allocation of <see cref="LenientJsonBenchmarks.ParseMessy2K"/>
/// go, stage by stage (schema lookup, candidate scan, coercion, element, type check, deserialize), each run
/// <c>n</c> times on its own. Allocation per stage is exact; time is wall time (read it as shares, not absolutes).
/// </summary>
internal static partial class Probes
{
    private static void JsonStages(int count)
    {
        var text = LenientJsonBenchmarks.Invoice(messy: true);
        var info = InvoiceJson.Default.Invoice;
        var schema = JsonExtractor.SchemaOf(info);
        var model = SchemaModels.Get(schema);
        var candidate = CandidateScanner.Scan(text, out _, out _)[0];
        var coercer = new SchemaCoercer(model, JsonParsePolicy.RepairAndCoerce);
        coercer.TryRun(candidate.Node, prose: false, out var coerced, out _);
        var element = LenientNodes.ToElement(coerced!);
        Stage("whole Parse<T>", count, () => JsonExtractor.Parse(text, info));
        Stage("schema model lookup", count, () => SchemaModels.Get(schema));
        Stage("candidate scan (read + repairs)", count, () => CandidateScanner.Scan(text, out _, out _));
        Stage("coercion", count, () =>
        {
            var c = new SchemaCoercer(model, JsonParsePolicy.RepairAndCoerce);
            c.TryRun(candidate.Node, prose: false, out _, out _);
        });
        Stage("node to JsonElement", count, () => LenientNodes.ToElement(coerced!));
        Stage("typed check", count, () => TypedJson.Check(element, info));
        Stage("deserialize element", count, () => TypedJson.Deserialize(element, info));
    }

    private static void Stage(string name, int count, Action action)
    {
        for (var i = 0; i < 200; i++)
        {
            action();
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {elapsed.TotalMicroseconds / count,9:F2} us {bytes / count,9:N0} B"));
    }
}
