using Harness.MockServer.Cli;
using Harness.MockServer.Hosting;

// The fast host: the engine on Kestrel alone (Native AOT), for load tests and CI images.
return await HarnessCommandLine.InvokeAsync(args, HarnessMock.StartRunningAsync);
