using System.Security.Cryptography;

namespace Harness.Conformance.Tests.RealServers;

/// <summary>
/// One real OAuth server of <c>conformance-tests/real-servers</c>: its start script, the npm package it needs,
/// its profile (<c>conformance-tests/profiles/&lt;name&gt;.yaml</c>), the variable that profile reads its base URL
/// from, and the environment (secrets included) that server, bootstrap command and profile share.
/// </summary>
/// <param name="MustFail">
/// For a control server: checks that must not pass whatever the expected file says (the rules it ignores): each fails,
/// or warns where its rule is only a SHOULD or an inference. A gathered rule's check (<c>error-response</c>) counts too.
/// </param>
public sealed record RealServer(string Name, string Script, string Package, string BaseUrlVariable, IReadOnlyList<string> SecretVariables,
    IReadOnlyDictionary<string, string> PlainEnvironment, IReadOnlyList<string>? MustFail = null)
{
    public static readonly RealServer OidcProvider = new("oidc-provider", "oidc-provider.mjs", "oidc-provider", "HARNESS_OIDC_PROVIDER_URL",
        ["OIDC_CLIENT_SECRET", "OIDC_CLIENT_2_SECRET"], new Dictionary<string, string>());

    public static readonly RealServer NodeOauth2Server = new("node-oauth2-server", "node-oauth2-server.mjs", "@node-oauth/oauth2-server", "HARNESS_NODE_OAUTH2_SERVER_URL",
        ["OAUTH2_CLIENT_SECRET", "OAUTH2_CLIENT_2_SECRET", "OAUTH2_PASSWORD"], new Dictionary<string, string> { ["OAUTH2_USERNAME"] = "alice" });

    public static readonly RealServer Oauth2MockServer = new("oauth2-mock-server", "oauth2-mock-server.mjs", "oauth2-mock-server", "HARNESS_OAUTH2_MOCK_SERVER_URL",
        ["MOCK_CLIENT_SECRET", "MOCK_CLIENT_2_SECRET", "MOCK_RESTRICTED_CLIENT_SECRET", "MOCK_PASSWORD"], new Dictionary<string, string>(),
        MustFail:
        [
            // It checks no refresh token, no client and no scope: every check of those rules must catch it.
            "reused-refresh-token-is-invalid-grant", "reuse-revokes-token-family", "tampered-refresh-token-is-invalid-grant",
            "access-token-as-refresh-token-is-invalid-grant", "refresh-token-bound-to-its-client", "wrong-client-secret-is-invalid-client",
            "client-without-refresh-grant-is-unauthorized-client", "refresh-may-not-widen-scope", "missing-refresh-token-is-invalid-request",
            "json-body-is-invalid-request", "error-response", "issue-wrong-password-is-invalid-grant",
            "issue-wrong-client-secret-is-invalid-client",
        ]);

    public static IReadOnlyList<RealServer> All { get; } = [OidcProvider, NodeOauth2Server, Oauth2MockServer];

    public string ProfilePath => Path.Combine(Repository.Root, "conformance-tests", "profiles", Name + ".yaml");
    public string ExpectedPath => Path.Combine(Repository.Root, "conformance-tests", "expected", Name + ".yaml");

    /// <summary>Fresh random secrets for one run: the server is started with them and the profile reads them, so none is ever in a file.</summary>
    public IReadOnlyDictionary<string, string> NewSecrets() =>
        SecretVariables.ToDictionary(v => v, v => $"{v.ToLowerInvariant().Replace('_', '-')}-{RandomNumberGenerator.GetHexString(16, lowercase: true)}");

    public override string ToString() => Name;
}
