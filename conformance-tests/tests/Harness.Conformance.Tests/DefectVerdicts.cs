using Harness.MockServer.Defects;

namespace Harness.Conformance.Tests;

/// <summary>
/// Per defect of the mock, the exact set of checks (qualified scenario ids, and gathered-rule checks such as
/// <c>softwareag-refresh/error-response</c>) that must fail when the mock runs with it. Read with the defect's
/// description in <see cref="DefectCatalog"/>: a wrong error code for the right refusal fails <c>error-response</c>,
/// not the scenario that provoked it.
/// </summary>
public static class DefectVerdicts
{
    public static IReadOnlyDictionary<Defect, string[]> MustFail { get; } = new Dictionary<Defect, string[]>
    {
        [Defect.AcceptAccessTokenAsRefresh] =
        [
            "ags-refresh/access-token-as-refresh-token-is-401",
            "keycloak-refresh/access-token-as-refresh-token-is-invalid-grant",
            "secmgmt-refresh/access-token-as-refresh-token-is-auth-1002",
            "softwareag-refresh/access-token-as-refresh-token-is-invalid-grant",
        ],
        [Defect.AcceptAnyClientSecret] =
        [
            "keycloak-refresh/error-response",
            "softwareag-refresh/error-response",
            "softwareag-refresh/failed-client-auth-does-not-burn-refresh-token",
            "softwareag-refresh/issue-wrong-client-secret-is-invalid-client",
            "softwareag-refresh/wrong-client-secret-is-invalid-client",
        ],
        [Defect.AcceptAnyMethod] =
        [
            "keycloak-refresh/get-instead-of-post-is-refused",
            "softwareag-refresh/get-instead-of-post-is-refused",
        ],
        [Defect.AcceptExpiredRefreshToken] =
        [
            "ags-refresh/expired-refresh-token-is-401",
            "ags-refresh/session-cap-ends-sliding-refresh",
            "keycloak-refresh/expired-refresh-token-is-invalid-grant",
            "softwareag-refresh/expired-refresh-token-is-invalid-grant",
        ],
        [Defect.BurnTokenOnFailedClientAuth] =
        [
            "keycloak-refresh/failed-client-auth-does-not-burn-refresh-token",
            "softwareag-refresh/failed-client-auth-does-not-burn-refresh-token",
        ],
        [Defect.AcceptMissingClientAuth] =
        [
            "keycloak-refresh/missing-client-id-is-invalid-client",
            "softwareag-refresh/missing-client-authentication-is-invalid-client",
        ],
        [Defect.EmptyRefreshTokenIsInvalidGrant] =
        [
            "keycloak-refresh/error-response",
            "softwareag-refresh/error-response",
        ],
        [Defect.AcceptUnknownClient] =
        [
            // keycloak: the unknown client is still refused (400, as a foreign client), which RFC 6749 §5.2 allows a client
            // that sent no Authorization header; only its invalid_grant (for invalid_client) is wrong: error-response's
            "keycloak-refresh/error-response",
            "keycloak-refresh/issue-unknown-client-is-invalid-client",
            "softwareag-refresh/unknown-client-is-invalid-client",
        ],
        [Defect.AcceptUnknownGrantType] =
        [
            "keycloak-refresh/unsupported-grant-type-is-refused",
            "softwareag-refresh/unsupported-grant-type-is-refused",
        ],
        [Defect.AcceptWiderScope] =
        [
            "keycloak-refresh/refresh-may-not-widen-scope",
            "softwareag-refresh/refresh-may-not-widen-scope",
        ],
        [Defect.AcceptWrongPassword] =
        [
            "keycloak-refresh/issue-wrong-password-is-invalid-grant",
            "secmgmt-refresh/create-token-wrong-password-is-refused",
            "softwareag-refresh/issue-wrong-password-is-invalid-grant",
        ],
        [Defect.DropCacheControl] =
        [
            "ags-refresh/refresh-response-not-cached",
            "ags-signon/sign-on-response-not-cached",
            "keycloak-refresh/refresh-response-not-cached",
            "keycloak-refresh/refresh-response-says-pragma-no-cache",
            "secmgmt-refresh/refresh-response-not-cached",
            "softwareag-refresh/refresh-response-not-cached",
            "softwareag-refresh/refresh-response-says-pragma-no-cache",
        ],
        [Defect.DropTokenType] =
        [
            "ags-refresh/refresh-issues-token-pair",
            "ags-signon/sign-on-issues-token-pair",
            "keycloak-refresh/issue-answers-token-pair",
            "keycloak-refresh/refresh-issues-token-pair",
            "softwareag-refresh/issue-answers-token-pair",
            "softwareag-refresh/refresh-issues-token-pair",
        ],
        [Defect.EmptyDiscovery] =
        [
            "ags-signon/discovery-names-auth-services",
        ],
        [Defect.IgnoreAccountSuspension] =
        [
            "ags-signon/sign-on-failing-authorisation-is-403",
        ],
        [Defect.IgnoreClientBinding] =
        [
            "keycloak-refresh/refresh-token-bound-to-its-client",
            "softwareag-refresh/refresh-token-bound-to-its-client",
        ],
        [Defect.IgnoreGeoBlocking] =
        [
            "ags-signon/sign-on-geo-blocked-is-403",
        ],
        [Defect.IgnoreMissingHeader] =
        [
            "ags-refresh/refresh-without-auth-service-is-400",
            "ags-signon/sign-on-without-auth-service-is-400",
        ],
        [Defect.IgnorePairBinding] =
        [
            "secmgmt-refresh/pair-from-two-sessions-is-auth-1002",
        ],
        [Defect.IgnoreReuse] =
        [
            "ags-refresh/reuse-revokes-token-family",
            "ags-refresh/reused-refresh-token-is-401",
            "keycloak-refresh/reuse-revokes-token-family",
            "keycloak-refresh/reused-refresh-token-is-invalid-grant",
            "secmgmt-refresh/reuse-revokes-token-family",
            "softwareag-refresh/reuse-revokes-token-family",
            "softwareag-refresh/reused-refresh-token-is-invalid-grant",
        ],
        [Defect.IgnoreSessionCap] =
        [
            "ags-refresh/session-cap-ends-sliding-refresh",
        ],
        [Defect.IgnoreTenant] =
        [
            "ags-refresh/refresh-into-foreign-tenant-is-403",
            "ags-signon/sign-on-into-foreign-tenant-is-403",
        ],
        [Defect.IgnoreUnknownAuthService] =
        [
            "ags-signon/sign-on-unknown-auth-service-is-404",
        ],
        [Defect.JwtExpMismatch] =
        [
            "ags-refresh/refresh-tokens-carry-documented-claims",
            "ags-refresh/session-cap-ends-sliding-refresh",
            "ags-signon/sign-on-tokens-carry-documented-claims",
            "keycloak-refresh/refresh-tokens-are-jwts-with-consistent-exp",
        ],
        [Defect.Leak500OnBadJson] =
        [
            "ags-refresh/refresh-malformed-json-is-400",
            "ags-signon/sign-on-malformed-json-is-400",
            "secmgmt-refresh/create-token-malformed-json-is-refused",
            "secmgmt-refresh/malformed-json-is-refused",
        ],
        [Defect.MalformedEnvelope] =
        [
            "secmgmt-refresh/error-response",
        ],
        [Defect.NoFamilyRevocation] =
        [
            "ags-refresh/reuse-revokes-token-family",
            "keycloak-refresh/reuse-revokes-token-family",
            "secmgmt-refresh/reuse-revokes-token-family",
            "softwareag-refresh/reuse-revokes-token-family",
        ],
        [Defect.NoSlidingRefresh] =
        [
            "ags-refresh/refresh-lifetime-slides",
            "ags-refresh/session-cap-ends-sliding-refresh",
        ],
        [Defect.SignOnAnswers200] =
        [
            "ags-signon/sign-on-issues-token-pair",
        ],
        [Defect.SkipRotation] =
        [
            "ags-refresh/refresh-rotates-refresh-token",
            "ags-refresh/reuse-revokes-token-family",
            "ags-refresh/reused-refresh-token-is-401",
            "keycloak-refresh/refresh-rotates-refresh-token",
            "keycloak-refresh/reuse-revokes-token-family",
            "keycloak-refresh/reused-refresh-token-is-invalid-grant",
            "secmgmt-refresh/refresh-rotates-refresh-token",
            "secmgmt-refresh/reuse-revokes-token-family",
            "softwareag-refresh/refresh-rotates-refresh-token",
            "softwareag-refresh/reuse-revokes-token-family",
            "softwareag-refresh/reused-refresh-token-is-invalid-grant",
        ],
        [Defect.ValidationErrorsAre422] =
        [
            "ags-refresh/refresh-malformed-json-is-400",
            "ags-refresh/refresh-without-parameters-is-400",
            "ags-signon/sign-on-malformed-json-is-400",
            "ags-signon/sign-on-without-parameters-is-400",
            "ags-signon/sign-on-without-session-token-is-400",
            "keycloak-refresh/empty-refresh-token-is-invalid-request",
            "keycloak-refresh/json-body-is-invalid-request",
            "keycloak-refresh/missing-client-id-is-invalid-client",
            "keycloak-refresh/missing-grant-type-is-invalid-request",
            "keycloak-refresh/missing-refresh-token-is-invalid-request",
            "keycloak-refresh/repeated-parameter-is-invalid-request",
            "secmgmt-refresh/create-token-malformed-json-is-refused",
            "secmgmt-refresh/create-token-without-username-is-refused",
            "secmgmt-refresh/malformed-json-is-refused",
            "secmgmt-refresh/missing-refresh-token-is-refused",
            "secmgmt-refresh/missing-token-is-refused",
            "secmgmt-refresh/wrong-content-type-is-refused",
            "softwareag-refresh/empty-refresh-token-is-invalid-request",
            "softwareag-refresh/issue-without-password-is-invalid-request",
            "softwareag-refresh/issue-without-username-is-invalid-request",
            "softwareag-refresh/json-body-is-invalid-request",
            "softwareag-refresh/missing-grant-type-is-invalid-request",
            "softwareag-refresh/missing-refresh-token-is-invalid-request",
            "softwareag-refresh/repeated-parameter-is-invalid-request",
        ],
    };

    /// <summary>Checks that no defect and no runner test fails yet, each with why; the coverage test keeps this list exact.</summary>
    public static IReadOnlyDictionary<string, string> NotYetFailed { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["keycloak-refresh/refresh-over-plain-http-is-refused"] = "needs https-enforced: it runs on its own mock started with --https (MockCapabilityTests), while the defect runs and the bent runner tests use the shared plain-HTTP mock",
        ["softwareag-refresh/refresh-over-plain-http-is-refused"] = "needs https-enforced: it runs on its own mock started with --https (MockCapabilityTests), while the defect runs and the bent runner tests use the shared plain-HTTP mock",
    };
}
