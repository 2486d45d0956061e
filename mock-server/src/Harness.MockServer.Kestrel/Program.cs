using Harness.MockServer.Cli;

return await HarnessCommandLine.InvokeAsync(args);
