namespace Harness.Scenarios.Model;

/// <summary>
/// The situations a contract maps to a status code. The list is closed: the mock knows how to detect each
/// one, and a scenario knows how to provoke it, so a contract can only name conditions both sides understand.
/// </summary>
public enum Condition
{
    Success,
    MissingHeader,
    MissingField,
    MalformedBody,
    WrongContentType,
    WrongMethod,
    UnsupportedGrantType,
    InvalidClient,
    UnauthorizedClient,
    InvalidCredentials,
    TokenInvalid,
    TokenExpired,
    TokenRevoked,
    TokenReused,
    ForeignClient,
    WrongTenant,
    PairMismatch,
    AccessTokenInvalid,
    ScopeWider,
    GeoBlocked,
    AccountForbidden,
    UnknownEntity,
    InsecureTransport,
}
