using Harness.MockServer.Cli;

namespace Harness.MockServer.Tests.Cli;

/// <summary>
/// --mappings and --proxy are the WireMock.Net host's: the Kestrel host (the Native AOT program) refuses them with a
/// usage error that names the command which serves them, before it starts.
/// </summary>
public sealed class WireMockOnlyOptionTests
{
    [Test]
    public async Task KestrelServe_WithMappingsAndProxy_IsAUsageErrorNamingTheWireMockHost()
    {
        var folder = Directory.CreateTempSubdirectory("user-mappings-").FullName;
        try
        {
            var options = new MockServerOptions { Port = 0, MappingsFolder = folder, ProxyUrl = "http://127.0.0.1:9" };
            var (output, error) = (new StringWriter(), new StringWriter());

            // Should the options be accepted, the mock starts: stop it rather than hang, and fail on what it printed.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var exit = await ServeCommand.RunAsync(options, output, error, stop.Token);

            exit.Should().Be(ExitCodes.UsageError);
            error.ToString().Should().Contain("--mappings and --proxy need the WireMock.Net host").And.Contain("dotnet run --project mock-server");
            output.ToString().Should().NotContain("listening on");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Test]
    public void Validate_GoodMappingsAndProxy_NoProblem()
    {
        var options = new MockServerOptions { MappingsFolder = Path.GetTempPath(), ProxyUrl = "https://backend.example:8443/api" };

        options.Validate().Should().BeEmpty();
        options.WireMockHostOnly().Should().Equal("--mappings", "--proxy");
        new MockServerOptions().WireMockHostOnly().Should().BeEmpty();
    }
}
