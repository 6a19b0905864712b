using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using PromptGen.Benchmarks;

// --probe …: measurements outside BenchmarkDotNet (instruction counts under valgrind, CPU under concurrent load).
if (args is ["--probe", ..])
{
    return await Probes.RunAsync(args);
}

// --allow-debug-dependencies: run against Debug builds of the PromptGen projects (for PromptGen.ImageSharp without a
// Six Labors licence, whose Release build fails; ImageSharp itself is always the optimized NuGet build). Label such results.
const string AllowDebug = "--allow-debug-dependencies";
var config = args.Contains(AllowDebug) ? DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator) : null;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args.Where(a => a != AllowDebug)], config);
return 0;
