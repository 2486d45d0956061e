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

    /// <summary>
    /// The values a conformance run against this mock fills its <c>${target.*}</c> references with, by their names in
    /// catalog.yaml (where each is explained). The mock refuses to start on a catalog that lists a value missing here,
    /// and a test holds the two lists equal, so a new target value cannot make its scenarios skip unnoticed.
    /// </summary>
    public IReadOnlyDictionary<string, string> TargetValues() => Values.ToDictionary(v => v.Name, v => v.Of(this), StringComparer.Ordinal);

    /// <summary>The names <see cref="TargetValues"/> answers, without a world at hand.</summary>
    public static IEnumerable<string> TargetValueNames => Values.Select(v => v.Name);

    private static readonly (string Name, Func<MockWorld, string> Of)[] Values =
    [
        ("client-id", w => w.Client.Id),
        ("client-secret", w => w.Client.Secret),
        ("second-client-id", w => w.SecondClient.Id),
        ("second-client-secret", w => w.SecondClient.Secret),
        ("restricted-client-id", w => w.RestrictedClient.Id),
        ("restricted-client-secret", w => w.RestrictedClient.Secret),
        ("tenant", w => w.Tenant),
        ("forbidden-tenant", w => w.ForbiddenTenant),
        ("auth-service", w => w.AuthService),
        ("unknown-auth-service", w => w.UnknownAuthService),
        ("session-token", w => w.User.Identity.SessionToken),
        ("forbidden-session-token", w => w.SuspendedUser.Identity.SessionToken),
        ("geo-blocked-client-id", w => w.GeoBlockedClient.Id),
        ("username", w => w.User.Identity.Username),
        ("password", w => w.User.Identity.Password),
        ("scope", _ => DefaultScope),
        ("narrow-scope", _ => "openid"),
        ("wider-scope", _ => DefaultScope + " admin"),
    ];
}
