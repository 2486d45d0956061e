namespace Harness.MockServer.Defects;

/// <summary>A rule the mock can be told to break on purpose, to prove the suite notices (<c>--defect NAME</c>).</summary>
public enum Defect
{
    AcceptExpiredRefreshToken,
    IgnoreSessionCap,
    NoSlidingRefresh,
    SkipRotation,
    IgnoreReuse,
    NoFamilyRevocation,
    AcceptAccessTokenAsRefresh,
    IgnoreClientBinding,
    AcceptAnyClientSecret,
    AcceptUnknownGrantType,
    AcceptWiderScope,
    IgnoreTenant,
    IgnorePairBinding,
    SignOnAnswers200,
    DropCacheControl,
    DropTokenType,
    JwtExpMismatch,
    MalformedEnvelope,
    Leak500OnBadJson,
    IgnoreMissingHeader,
    AcceptAnyMethod,
    EmptyDiscovery,
    IgnoreGeoBlocking,
    ValidationErrorsAre422,
    AcceptWrongPassword,
    AcceptUnknownClient,
    IgnoreAccountSuspension,
    IgnoreUnknownAuthService,
}
