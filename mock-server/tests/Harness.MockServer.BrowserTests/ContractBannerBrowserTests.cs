namespace Harness.MockServer.BrowserTests;

/// <summary>
/// The dashboard's banner over a mock whose scenario files changed: a change with problems shows every problem at
/// file:line:column while the last valid contracts serve; fixed, the banner goes and the dashboard says it reloaded.
/// </summary>
[TestFixture]
// the banner is the same page on both hosts; this fixture drives a HarnessMock of its own
public sealed class ContractBannerBrowserTests() : BrowserFixture(MockHost.Kestrel)
{
    [Test]
    public async Task A_refused_change_shows_its_problems_until_it_is_fixed()
    {
        var scenarios = Path.Combine(Directory.CreateTempSubdirectory("banner-scenarios-").FullName, "scenarios");
        var contract = Path.Combine(scenarios, "keycloak-refresh", "contract.yaml");
        try
        {
            CopyContracts(Path.Combine(RepositoryRoot(), "scenarios"), scenarios);
            await using var mock = await HarnessMock.StartAsync(new MockServerOptions { Port = 0, ScenarioFolder = scenarios });
            var dashboard = await OpenAsync("dashboard", mock.BaseAddress.GetLeftPart(UriPartial.Authority) + "/__harness/dashboard");
            var banner = dashboard.GetByTestId("contracts-banner");
            await Expect(banner).ToBeHiddenAsync();

            var valid = await File.ReadAllTextAsync(contract);
            await File.WriteAllTextAsync(contract, valid.Replace("  access:\n    lifetime: 1800\n", "  access:\n    lifetime: 1800\n    colour: blue\n", StringComparison.Ordinal));
            Assert.That(mock.Served.Reload().Refused, Is.True, "the change has a problem");

            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner).ToContainTextAsync("still serving version 1");
            await Expect(banner).ToContainTextAsync("keycloak-refresh/contract.yaml:15:5");

            await File.WriteAllTextAsync(contract, valid);
            Assert.That(mock.Served.Reload().Version, Is.EqualTo(2), "the fixed folder serves");

            await Expect(banner).ToBeHiddenAsync();
            await Expect(dashboard.GetByTestId("toast")).ToContainTextAsync("contracts reloaded");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(scenarios)!, recursive: true);
        }
    }

    /// <summary>The scenario files (catalog and API folders), not the loader's sources and tests beside them.</summary>
    private static void CopyContracts(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "src" or "tests") continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
