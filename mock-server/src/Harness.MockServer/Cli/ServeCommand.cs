using System.Diagnostics;
using Harness.MockServer.Control;
using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Cli;

/// <summary>Starts the mock in the foreground and prints where each API is.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(MockServerOptions options, TextWriter output, TextWriter error, CancellationToken cancel, bool tokenGenerated = false, MockHostStarter? host = null)
    {
        host ??= HarnessMock.StartRunningAsync;
        var started = Stopwatch.GetTimestamp();
        if (options.Validate() is { Count: > 0 } problems)
        {
            foreach (var problem in problems) error.WriteLine($"mock-server: {problem}");
            return 2;
        }
        // The Kestrel host (the default, and the Native AOT program's) has no WireMock.Net mappings to add stubs or a proxy to.
        if (host == (MockHostStarter)HarnessMock.StartRunningAsync && options.WireMockHostOnly() is { Count: > 0 } wireMockOnly)
        {
            error.WriteLine($"{ProgramName.Current}: {string.Join(" and ", wireMockOnly)} need the WireMock.Net host, which this program (the Native AOT Kestrel host) is not: run `dotnet run --project mock-server -- {string.Join(" ", wireMockOnly.Select(o => o + " …"))}`");
            return ExitCodes.UsageError;
        }
        IRunningMock server;
        try
        {
            server = await host(options, cancel);
        }
        catch (ScenarioLoadException e)
        {
            foreach (var diagnostic in e.Diagnostics) error.WriteLine(diagnostic);
            error.WriteLine($"{ProgramName.Current}: the scenario files have {e.Diagnostics.Count} problem(s); run `{ProgramName.Current} lint {options.FindScenarioFolder() ?? EmbeddedContracts.Source}`");
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or IOException)
        {
            error.WriteLine($"{ProgramName.Current}: {e.Message}");
            return 2;
        }

        await using (server)
        {
            var root = server.BaseAddress.ToString().TrimEnd('/');
            output.WriteLine($"Refresh Harness mock server listening on {root} (seed {options.Seed}; {server.HostName} host)");
            ContractReport.Attach(server, output, error);
            if (server.Certificate is { } certificate)
            {
                output.WriteLine($"  TLS certificate      {certificate.Path} (SHA-256 {certificate.Fingerprint}); trust it: curl --cacert {certificate.Path}");
                output.WriteLine($"  plain HTTP           {server.HttpBaseAddress!.ToString().TrimEnd('/')} (refused where a contract requires HTTPS)");
            }
            foreach (var api in server.Contracts.Apis)
            {
                output.WriteLine($"  {api.Id,-20} {api.Title}");
                foreach (var operation in api.Operations)
                    output.WriteLine($"    {operation.Method,-6} {root}{operation.Path}   {OperationLabel(operation)}({string.Join(", ", operation.Outcomes.Select(o => o.Status).Distinct())})");
                if (api.Oidc is { } oidc)
                    output.WriteLine($"    OIDC   {root}{oidc.PathOf(oidc.Endpoints.Discovery)}   (code flow + PKCE; client-id in {ControlApi.Prefix}/target)");
            }
            output.WriteLine($"  dashboard            {root}{ControlApi.Prefix}/dashboard");
            output.WriteLine($"  demo frontend        {root}{ControlApi.Prefix}/demo");
            output.WriteLine($"  control API          {root}{ControlApi.Prefix}");
            if (server.AdminPath is { } admin)
                output.WriteLine($"  WireMock.Net admin   {root}{admin}   (GET {admin}/mappings lists every mapping; yours beside the harness's)");
            if (!options.BindsLoopbackOnly)
                output.WriteLine($"  REACHABLE FROM THE NETWORK on {options.Host}: API calls need no token, control calls do");
            if (options.ControlToken is { } token)
                // A generated token is shown once, in full: this terminal is the only place its owner can learn it.
                // One the user chose is never echoed.
                output.WriteLine(tokenGenerated
                    ? $"  control token        {token}   (generated, shown once; the dashboard asks for it; --control-token or ${MockServerOptions.ControlTokenVariable} to choose one)"
                    : $"  control token        {Harness.Scenarios.Redaction.Redactor.Mask(token)} (required on {ControlApi.Prefix}: Authorization: Bearer or {ControlSurfaceGuard.TokenHeader})");
            if (options.Defects.Count > 0)
                output.WriteLine($"  DEFECTS ON PURPOSE:  {string.Join(", ", options.Defects.Select(d => DefectCatalog.Info(d).Name))}");
            output.WriteLine($"ready in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms; Ctrl+C stops it");
            await server.WaitForShutdownAsync(cancel);
        }
        return 0;
    }

    /// <summary>
    /// Which operation a line is: two operations may share one URL (Keycloak's token endpoint issues with
    /// grant_type=password and refreshes with grant_type=refresh_token), so the line names it and its fixed fields.
    /// </summary>
    private static string OperationLabel(Harness.Scenarios.Model.Operation operation)
    {
        var fixedFields = string.Join(" ", operation.FixedFields.Select(f => $"{f.Name}={f.Value}"));
        return fixedFields.Length == 0 ? $"{operation.Id} " : $"{operation.Id}, {fixedFields} ";
    }
}
