using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(PromptGen.Benchmarks.CannedHandler).Assembly).Run(args);
