using BenchmarkDotNet.Running;

if (args.FirstOrDefault() == "figures") return await Negotiation.Benchmarks.Figures.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Negotiation.Benchmarks.EngineBenchmarks).Assembly).Run(args);
return 0;
