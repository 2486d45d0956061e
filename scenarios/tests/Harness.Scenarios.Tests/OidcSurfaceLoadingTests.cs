using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests;

/// <summary>The <c>oidc:</c> section of a contract: read from the repository's keycloak contract, and each mistake located.</summary>
[TestFixture]
public sealed class OidcSurfaceLoadingTests
{
    private const string ContractFile = "keycloak-refresh/contract.yaml";

    [Test]
    public void TryLoad_KeycloakContract_ReadsTheOidcSurface()
    {
        var (set, diagnostics) = ScenarioLoader.TryLoad(Fixtures.RepositoryScenarios());
        diagnostics.Should().BeEmpty(DiagnosticAssertions.Listing(diagnostics));
        var oidc = set!.Api("keycloak-refresh")!.Oidc!;
        oidc.Signing.Should().Be(SigningAlgorithm.RS256);
        oidc.PathOf(oidc.Endpoints.Discovery).Should().Be("/auth/realms/apiax/.well-known/openid-configuration");
        oidc.PathOf(oidc.Endpoints.Token).Should().Be(set.Api("keycloak-refresh")!.Operation("refresh")!.Path);
        oidc.LoginUser.Should().Be("${target.username}");
        oidc.IdClaims.Keys.Should().Contain(["typ", "azp", "sid", "sub"]);
        oidc.UserInfoClaims.Keys.Should().Contain("sub");
        oidc.Provenance.IsInferred.Should().BeTrue();
    }

    [Test]
    public void TryLoad_OtherContracts_HaveNoOidcSurface()
    {
        var set = ScenarioLoader.Load(Fixtures.RepositoryScenarios());
        set.Apis.Where(a => a.Id != "keycloak-refresh").Should().OnlyContain(a => a.Oidc == null);
    }

    [TestCase("    token: /protocol/openid-connect/token", "    token: /protocol/openid-connect/tokens", "is not the path of a refresh operation")]
    [TestCase("  signing: RS256", "  signing: none", "'signing' must be one of HS256, RS256, not 'none'")]
    [TestCase("    userinfo: /protocol/openid-connect/userinfo", "    userinfo: protocol/openid-connect/userinfo", "'endpoints.userinfo' must be a path relative to the realm")]
    [TestCase("    logout: /protocol/openid-connect/logout", "    logout: /protocol/openid-connect/logout\n    revoke: /protocol/openid-connect/revoke", "unknown key 'revoke'")]
    [TestCase("    code-lifetime: 60", "    code-lifetime: 0", "'code-lifetime' must be a positive number")]
    [TestCase("  realm-path: /auth/realms/apiax", "  realm-path: auth/realms/apiax", "'realm-path' must start with '/'")]
    public void TryLoad_BrokenOidcSection_ReportsTheProblemInTheContract(string line, string broken, string message)
    {
        var folder = CopyWith(line, broken);
        try
        {
            var (_, diagnostics) = ScenarioLoader.TryLoad(folder);
            var problem = diagnostics.Should().ContainSingle(d => d.Message.Contains(message), DiagnosticAssertions.Listing(diagnostics)).Subject;
            problem.File.Should().EndWith(ContractFile);
            // Every problem of the section is located inside it, at or below the 'oidc:' line.
            var oidcLine = Array.FindIndex(File.ReadAllLines(Path.Combine(folder, ContractFile)), l => l.StartsWith("oidc:", StringComparison.Ordinal)) + 1;
            problem.Line.Should().BeGreaterThanOrEqualTo(oidcLine);
            problem.Column.Should().BePositive();
            diagnostics.Should().HaveCount(1, DiagnosticAssertions.Listing(diagnostics));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CopyWith(string line, string broken)
    {
        var source = Fixtures.RepositoryScenarios();
        var target = Path.Combine(Path.GetTempPath(), "oidc-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains(Path.DirectorySeparatorChar + "src" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "tests" + Path.DirectorySeparatorChar)))
        {
            var relative = Path.GetRelativePath(source, file);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
        var contract = Path.Combine(target, ContractFile);
        var text = File.ReadAllText(contract);
        text.Should().Contain(line);
        File.WriteAllText(contract, text.Replace(line, broken, StringComparison.Ordinal));
        return target;
    }
}
