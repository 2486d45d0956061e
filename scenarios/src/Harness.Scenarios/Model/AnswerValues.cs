namespace Harness.Scenarios.Model;

/// <summary>
/// What a token answer's bound fields are filled from (<see cref="SlotFiller"/>): one session's tokens, the
/// instants they expire at and its ids. The mock gives the pair it just minted; the WireMock export gives static
/// examples. Tokens are UTF-8, as the mock minted them, so the fast path writes them without a string.
/// </summary>
/// <param name="Now">The instant of the answer (Unix seconds): lifetimes are counted from it.</param>
/// <param name="FixedExpiresAt">The session's hard cap, where the realm has one; else the refresh token's expiry ends the session.</param>
public readonly record struct AnswerValues(
    ReadOnlyMemory<byte> AccessToken,
    ReadOnlyMemory<byte> RefreshToken,
    long Now,
    long AccessExpiresAt,
    long RefreshExpiresAt,
    long? FixedExpiresAt,
    string? ClientId,
    string? AccountId,
    string? Scope,
    string? SessionId,
    string? Tenant);
