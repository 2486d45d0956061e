using Harness.Scenarios.Fakes;

namespace Harness.MockServer.World;

/// <summary>
/// The fixed cast of a mock run — clients, accounts, tenants, auth services — drawn from the seed. The
/// suite reads it (as target values) from the control API, so the mock never needs a profile of itself.
/// </summary>
internal sealed class MockWorld
{
    public const string DefaultScope = "openid profile email offline_access";

    public MockWorld(HarnessFaker faker)
    {
        Tenant = faker.TenantId();
        ForbiddenTenant = Tenant + "-other";
        AuthService = "sso-" + faker.Opaque(6).ToLowerInvariant();
        Client = new TestClient(faker.ClientId("app"), faker.Secret(), AllowsRefresh: true, GeoBlocked: false);
        SecondClient = new TestClient(faker.ClientId("app2"), faker.Secret(), AllowsRefresh: true, GeoBlocked: false);
        RestrictedClient = new TestClient(faker.ClientId("norefresh"), faker.Secret(), AllowsRefresh: false, GeoBlocked: false);
        GeoBlockedClient = new TestClient("PUB_GEO_" + faker.Between(100, 999), faker.Secret(), AllowsRefresh: true, GeoBlocked: true);
        User = new TestAccount(faker.Identity(Tenant), Suspended: false, DefaultScope);
        SuspendedUser = new TestAccount(faker.Identity(Tenant), Suspended: true, DefaultScope);
        // Made from the client's secret rather than drawn, so adding it moves no other seeded value.
        PageClient = new TestClient(PageClientId, new string([.. Client.Secret.Reverse()]), AllowsRefresh: true, GeoBlocked: false);
    }

    /// <summary>The client the Keycloak page's own request sends (seed-003: "client_id: integration-api"), known out of the box.</summary>
    public const string PageClientId = "integration-api";

    public string Tenant { get; }
    public string ForbiddenTenant { get; }
    public string AuthService { get; }
    public string UnknownAuthService => AuthService + "-missing";
    public TestClient Client { get; }
    public TestClient SecondClient { get; }
    public TestClient RestrictedClient { get; }
    public TestClient GeoBlockedClient { get; }
    public TestClient PageClient { get; }
    public TestAccount User { get; }
    public TestAccount SuspendedUser { get; }

    public IEnumerable<TestClient> Clients => [Client, SecondClient, RestrictedClient, GeoBlockedClient, PageClient];
    public IEnumerable<TestAccount> Accounts => [User, SuspendedUser];

    public TestClient? FindClient(string? id) => id is null ? null : Clients.FirstOrDefault(c => c.Id == id);

    public TestAccount? FindBySessionToken(string? token) => Accounts.FirstOrDefault(a => a.Identity.SessionToken == token);

    public TestAccount? FindByUsername(string? username) => Accounts.FirstOrDefault(a => a.Identity.Username == username);

    /// <summary>The values a conformance run against this mock fills its <c>${target.*}</c> references with.</summary>
    public IReadOnlyDictionary<string, string> TargetValues() => new Dictionary<string, string>
    {
        ["client-id"] = Client.Id,
        ["client-secret"] = Client.Secret,
        ["second-client-id"] = SecondClient.Id,
        ["second-client-secret"] = SecondClient.Secret,
        ["restricted-client-id"] = RestrictedClient.Id,
        ["restricted-client-secret"] = RestrictedClient.Secret,
        ["tenant"] = Tenant,
        ["forbidden-tenant"] = ForbiddenTenant,
        ["auth-service"] = AuthService,
        ["unknown-auth-service"] = UnknownAuthService,
        ["session-token"] = User.Identity.SessionToken,
        ["forbidden-session-token"] = SuspendedUser.Identity.SessionToken,
        ["geo-blocked-client-id"] = GeoBlockedClient.Id,
        ["username"] = User.Identity.Username,
        ["password"] = User.Identity.Password,
        ["scope"] = DefaultScope,
        ["narrow-scope"] = "openid",
        ["wider-scope"] = DefaultScope + " admin",
    };
}
