using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Negotiation.Benchmarks.EngineBenchmarks).Assembly).Run(args);
