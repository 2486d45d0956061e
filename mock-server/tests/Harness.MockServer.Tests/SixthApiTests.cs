using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests;

/// <summary>
/// The worked example of scenarios/README.md, served: a sixth API (a test fixture, not a product contract) whose
/// tokens carry the new <c>${token.nbf}</c> claim and whose errors come in the new fault envelope. Nothing in the
/// mock names the API; it serves what the model and the fixture say.
/// </summary>
[TestFixture]
public sealed class SixthApiTests
{
    private ContractSet _contracts = null!;
    private TestMock _mock = null!;

    /// <summary>scenarios/tests/Harness.Scenarios.Tests/Fixtures/sixth-api, beside the product's scenario folder.</summary>
    /// <remarks>Found from the repository root: the test's output folder holds a copy of the product's contracts only (the launcher's).</remarks>
    public static string Folder => Path.Combine(Published.PublishedMock.RepositoryRoot, "scenarios", "tests", "Harness.Scenarios.Tests", "Fixtures", "sixth-api");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _contracts = ScenarioLoader.Load(Folder);
        _mock = await TestMock.WrapAsync(HarnessMock.StartAsync(_contracts, new MockServerOptions { Port = 0, Seed = 1 }));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _mock.DisposeAsync();

    [Test]
    public async Task Issue_SixthApi_TokensCarryNbf_EqualToIat()
    {
        var issue = _contracts.Operation("acme", "issue")!;

        var reply = await _mock.SendAsync(ContractRequests.Build(issue, ContractRequests.TargetSlots(_mock.Target)));

        reply.Status.Should().Be(200, reply.ToString());
        var access = Jwt.Payload(reply.Json!["result"]!["access_token"]!.GetValue<string>());
        access["nbf"]!.GetValue<long>().Should().Be(access["iat"]!.GetValue<long>(), "${{token.nbf}} is the issue instant: {0}", access.ToJsonString());
        var refresh = Jwt.Payload(reply.Json!["result"]!["refresh_token"]!.GetValue<string>());
        refresh["nbf"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.Number);
        reply.Json!["result"]!["expires_in"]!.GetValue<long>().Should().Be(600);
    }

    [Test]
    public async Task Refresh_TamperedToken_AnswersInTheFaultEnvelope()
    {
        var refresh = _contracts.Operation("acme", "refresh")!;
        var slots = await ContractRequests.StartSessionAsync(_mock, "acme");
        slots[Slot.RefreshToken] = slots[Slot.RefreshToken][..^4] + "AAAA";

        var reply = await _mock.SendAsync(ContractRequests.Build(refresh, slots));

        reply.Status.Should().Be(401, reply.ToString());
        reply.Json!["fault"]!["code"]!.GetValue<string>().Should().Be("ACME-401-TOKEN");
        reply.Json!["fault"]!["detail"]!.GetValue<string>().Should().NotBeEmpty();
        reply.Json!["result"]!.GetValue<string>().Should().BeEmpty();
    }

    [Test]
    public async Task Refresh_WithoutRefreshToken_AnswersItsCodeInTheFaultEnvelope()
    {
        var refresh = _contracts.Operation("acme", "refresh")!;
        var slots = ContractRequests.TargetSlots(_mock.Target);

        var reply = await _mock.SendAsync(ContractRequests.Build(refresh, slots));

        reply.Status.Should().Be(400, reply.ToString());
        reply.Json!["fault"]!["code"]!.GetValue<string>().Should().Be("ACME-400-MISSING");
    }
}
