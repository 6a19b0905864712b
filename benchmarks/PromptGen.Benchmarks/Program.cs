using BenchmarkDotNet.Running;
using PromptGen.Benchmarks;

// --probe …: measurements outside BenchmarkDotNet (instruction counts under valgrind, CPU under concurrent load).
if (args is ["--probe", ..])
{
    return await Probes.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
