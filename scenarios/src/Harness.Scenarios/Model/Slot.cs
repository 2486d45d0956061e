namespace Harness.Scenarios.Model;

/// <summary>
/// The meaning of a value, independent of the name one API gives it: the AGS <c>Authorization</c> header,
/// the OAuth <c>refresh_token</c> form field and the Security Management <c>refreshToken</c> member all
/// carry <see cref="RefreshToken"/>. Steps pass values by slot; the contract says where each slot travels.
/// </summary>
public enum Slot
{
    AccessToken,
    RefreshToken,
    ClientId,
    ClientSecret,
    Tenant,
    AuthService,
    CorrelationId,
    Scope,
    SessionToken,
    Username,
    Password,
    ExpiresIn,
    RefreshExpiresIn,
    SessionExpiresIn,
    AccountId,
    SessionState,
}
