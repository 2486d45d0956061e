using Harness.Scenarios.Loading;

namespace Harness.MockServer.Defects;

/// <summary>
/// What each defect breaks. <see cref="DefectInfo.Rule"/> is a rule family of <c>catalog.yaml</c>: the
/// suite's teeth test expects exactly the checks covering that family to fail, and start-up refuses a
/// defect whose family the catalog does not know.
/// </summary>
public static class DefectCatalog
{
    public static IReadOnlyList<DefectInfo> All { get; } =
    [
        new(Defect.AcceptExpiredRefreshToken, "expiry", "accepts a refresh token after its lifetime has run out"),
        new(Defect.IgnoreSessionCap, "sliding-cap", "lets the sliding refresh lifetime run past the fixed session lifetime"),
        new(Defect.NoSlidingRefresh, "sliding-cap", "does not renew the refresh lifetime on refresh"),
        new(Defect.SkipRotation, "rotation", "answers the same refresh token again instead of a new one"),
        new(Defect.IgnoreReuse, "reuse-detection", "accepts a refresh token that was already rotated away"),
        new(Defect.NoFamilyRevocation, "family-revocation", "refuses a reused token but leaves its successor valid"),
        new(Defect.AcceptAccessTokenAsRefresh, "token-validation", "accepts an access token where a refresh token belongs"),
        new(Defect.IgnoreClientBinding, "client-binding", "lets any client use a refresh token issued to another"),
        new(Defect.AcceptAnyClientSecret, "client-auth", "accepts a wrong client secret and clients not allowed the grant"),
        new(Defect.AcceptUnknownGrantType, "grant-type", "treats an unknown grant_type as refresh_token"),
        new(Defect.AcceptWiderScope, "scope", "grants a scope wider than the original"),
        new(Defect.IgnoreTenant, "tenant-binding", "ignores a tenant that is not the token's or the account's"),
        new(Defect.IgnorePairBinding, "pair-binding", "refreshes an access token and a refresh token from different sessions"),
        new(Defect.SignOnAnswers200, "sign-on", "answers 200 instead of 201 on a successful sign-on"),
        new(Defect.DropCacheControl, "cache-control", "leaves Cache-Control: no-store (and Pragma) off token responses"),
        new(Defect.DropTokenType, "token-response", "leaves token_type out of success bodies"),
        new(Defect.JwtExpMismatch, "jwt-claims", "signs an exp 10 minutes later than expires_in says"),
        new(Defect.MalformedEnvelope, "error-response", "answers failures without the errorCode of the envelope"),
        new(Defect.Leak500OnBadJson, "request-validation", "answers a 500 with a stack trace to a body that is not valid JSON"),
        new(Defect.IgnoreMissingHeader, "request-validation", "serves requests that lack a mandatory header"),
        new(Defect.AcceptAnyMethod, "transport", "serves the token endpoint on any method"),
        new(Defect.EmptyDiscovery, "discovery", "answers service discovery with no services"),
        new(Defect.IgnoreGeoBlocking, "sign-on", "lets geo-blocked clients sign on"),
        new(Defect.BurnTokenOnFailedClientAuth, "client-auth", "revokes the presented refresh token's family when its refresh fails client authentication"),
        new(Defect.AcceptMissingClientAuth, "client-auth", "serves a refresh that carries no client authentication at all"),
        new(Defect.AcceptUnknownClient, "client-auth", "does not authenticate an unknown client_id, and refuses it later as a foreign client (or issues to it)"),
        new(Defect.EmptyRefreshTokenIsInvalidGrant, "request-validation", "looks up an empty refresh_token parameter as a token (invalid_grant) instead of refusing it as missing"),
        new(Defect.ValidationErrorsAre422, "request-validation", "answers 422 instead of the documented status to a missing field, a malformed body or a wrong content type"),
        new(Defect.AcceptWrongPassword, "sign-on", "issues tokens without checking the password"),
        new(Defect.IgnoreAccountSuspension, "sign-on", "signs on an account that fails authorisation"),
        new(Defect.IgnoreUnknownAuthService, "sign-on", "signs on through an auth service that does not exist (sign-on only; a refresh still checks it)"),
    ];

    public static DefectInfo Info(Defect defect) => All.First(d => d.Defect == defect);

    public static bool TryParse(string name, out Defect defect)
    {
        var found = All.FirstOrDefault(d => d.Name == name);
        defect = found?.Defect ?? default;
        return found is not null;
    }
}

/// <summary>A defect, the rule family it breaks, and what it does.</summary>
public sealed record DefectInfo(Defect Defect, string Rule, string Description)
{
    /// <summary>The <c>--defect</c> name: kebab-case, with status codes set off ("sign-on-answers-200").</summary>
    public string Name { get; } = System.Text.RegularExpressions.Regex.Replace(KebabName.Of(Defect), "(?<=[a-z])(?=[0-9]{3})", "-");
}
