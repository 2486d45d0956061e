using Harness.Scenarios.Model;

namespace Harness.MockServer.Tokens;

/// <summary>
/// What the mock remembers of one token it issued, keyed by the token's signature: a token that was not
/// minted here, or whose signature was altered, is simply not found.
/// </summary>
internal sealed record IssuedToken(TokenFamily Family, TokenKind Kind, int Generation, long ExpiresAt);
