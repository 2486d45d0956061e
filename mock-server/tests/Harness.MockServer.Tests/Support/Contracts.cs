using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests.Support;

/// <summary>The scenario folder, loaded once per test run: test case sources enumerate it and most mocks start from it.</summary>
public static class Contracts
{
    private static readonly Lazy<ContractSet> Loaded = new(() => ScenarioLoader.Load(new MockServerOptions().ResolveScenarioFolder()));

    public static ContractSet Set => Loaded.Value;

    /// <summary>"ags-refresh.refresh 403 wrong-tenant", "keycloak-refresh.refresh 400 missing-field client_id".</summary>
    public static string Label(Operation operation, Outcome outcome) =>
        $"{operation.QualifiedId} {outcome.Status} {KebabName.Of(outcome.When)}{(outcome.Field is null ? "" : " " + outcome.Field)}";
}
