using System.Net;
using Harness.MockServer.Hosting;
using Harness.Scenarios.Model;
using WireMock.Server;
using WireMock.Settings;

namespace Harness.MockServer.WireMock;

/// <summary>Adds the Refresh Harness to a WireMock.Net server its user already has (their integration tests, their stubs).</summary>
public static class RefreshHarnessExtensions
{
    /// <summary>
    /// Adds the contract APIs of the scenario folder (<see cref="MockServerOptions.ScenarioFolder"/>, or the one found
    /// above the working directory) and <c>/__harness</c> to <paramref name="server"/>. Users' mappings without a
    /// priority (0) override the contract on the requests they match; nothing overrides <c>/__harness</c>.
    /// </summary>
    public static RefreshHarness AddRefreshHarness(this WireMockServer server, MockServerOptions options) =>
        Add(server, Validated(options, HarnessPipeline.LoadContracts), options, fallback: false);

    /// <summary>As <see cref="AddRefreshHarness(WireMockServer, MockServerOptions)"/>, with contracts already loaded.</summary>
    public static RefreshHarness AddRefreshHarness(this WireMockServer server, ContractSet contracts, MockServerOptions options) =>
        // A contract set given whole has no folder to reload from.
        Add(server, Validated(options, _ => new LoadedContracts(contracts, contracts.Folder, null)), options, fallback: false);

    /// <summary>
    /// Lets the harness reach the connection of each request it answers (<see cref="Microsoft.AspNetCore.Http.IHttpContextAccessor"/>):
    /// the drop-connection fault then really drops it, and the virtual clock's Date header replaces WireMock.Net's. Call it
    /// on the settings before starting a server the harness will be added to; <see cref="WireMockHarnessHost"/> does.
    /// </summary>
    public static WireMockServerSettings ForRefreshHarness(this WireMockServerSettings settings)
    {
        var before = settings.AdditionalServiceRegistration;
        settings.AdditionalServiceRegistration = services =>
        {
            before?.Invoke(services);
            services.AddHttpContextAccessor();
        };
        return settings;
    }

    internal static RefreshHarness Add(WireMockServer server, LoadedContracts loaded, MockServerOptions options, bool fallback)
    {
        var (state, engine) = HarnessPipeline.Prepare(loaded.Contracts, options);
        var ports = server.Ports;
        // Without the connection, the local endpoint is the port the Host header names if the server listens there.
        var bridge = PipelineBridge.Start(loaded, state, engine, message => (IPAddress.Loopback, ports.Contains(message.Port) ? message.Port : ports.FirstOrDefault()));
        var mappings = HarnessMappings.Add(server, loaded.Contracts, bridge.AnswerAsync, fallback);
        return new RefreshHarness(server, bridge, mappings);
    }

    private static LoadedContracts Validated(MockServerOptions options, Func<MockServerOptions, LoadedContracts> contracts)
    {
        options.EnsureValid();
        return contracts(options);
    }
}
