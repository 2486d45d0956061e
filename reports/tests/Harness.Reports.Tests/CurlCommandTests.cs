namespace Harness.Reports.Tests;

public class CurlCommandTests
{
    [Test]
    public void From_PostWithBody_QuotesEverythingForAPosixShell()
    {
        var request = new ExchangeRequest
        {
            Method = "POST",
            Url = "https://auth.example.test/token?x=1&y=2",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Body = """{"name":"O'Brien"}""",
        };

        CurlCommand.From(request).Should().Be(
            """curl -i -X POST 'https://auth.example.test/token?x=1&y=2' -H 'Content-Type: application/json' --data-raw '{"name":"O'\''Brien"}'""");
    }

    [Test]
    public void From_GetWithoutBody_OmitsMethod()
    {
        CurlCommand.From(new ExchangeRequest { Method = "GET", Url = "http://localhost/x" }).Should().Be("curl -i 'http://localhost/x'");
    }
}
