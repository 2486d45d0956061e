using System.Reflection;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Hosting;

/// <summary>
/// The scenario files built into this library as resources (<c>scenarios/**</c> but the loader's sources, tests and
/// README), so a published binary serves the contracts from any folder. Used when no scenario folder is found
/// (<see cref="MockServerOptions.FindScenarioFolder"/>); problems in them name the resource, e.g.
/// <c>scenarios/keycloak-refresh/contract.yaml:12:5</c>.
/// </summary>
internal static class EmbeddedContracts
{
    /// <summary>What the banner and <c>GET /__harness/contracts/status</c> say the source is.</summary>
    public const string Source = "embedded";

    private const string Prefix = "scenarios/";

    /// <summary>The embedded scenario files, read from the resources on each call.</summary>
    public static ScenarioFiles Files()
    {
        var assembly = typeof(EmbeddedContracts).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files[name[Prefix.Length..]] = reader.ReadToEnd();
        }
        return ScenarioFiles.InMemory(Source, files, relative => Prefix + relative);
    }
}
