using Harness.MockServer.Load;

namespace Harness.MockServer.Tests;

/// <summary>The robustness load quotes answers in its failure messages (bench output, test output): never a token in full.</summary>
public sealed class LoadFailureMessageTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY2NvdW50LTEiLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1pbi1xdWVzdGlvbg";

    [Test]
    public void Excerpt_MasksTokens_BeforeItCuts()
    {
        var body = $$"""{"access_token":"{{Jwt}}","refresh_token":"opaque-refresh-secret-0123456789","padding":"{{new string('x', 400)}}"}""";

        var excerpt = new Answer(200, body, Injected: false, Dropped: false).Excerpt;

        excerpt.Should().NotContain(Jwt[..40]).And.NotContain("opaque-refresh-secret").And.Contain("[redacted:len=");
        excerpt.Length.Should().BeLessThanOrEqualTo(201);
    }
}
