using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Targets;

/// <summary>
/// A real implementation to check: its base URL, the APIs it implements, where it moved their paths, the
/// capabilities it has, lifetimes that differ from the contract, target values (plain ones in the file,
/// secret ones named by environment variable, never in the file) and how a session is started.
/// </summary>
public sealed record TargetProfile(
    string Name,
    Uri BaseUrl,
    IReadOnlySet<string> Apis,
    IReadOnlyDictionary<string, string> Paths,
    IReadOnlySet<string> Capabilities,
    IReadOnlyDictionary<string, IReadOnlyDictionary<TokenKind, int>> Lifetimes,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> SecretVariables,
    Bootstrap Bootstrap,
    bool VerifyTls,
    string Folder)
{
    /// <summary>Reads a profile file; every problem is reported at once, located, as for scenario files.</summary>
    public static TargetProfile Load(string path, Catalog catalog)
    {
        var diagnostics = new List<Diagnostic>();
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ScenarioLoadException([new Diagnostic(path, 0, 0, "no such target profile")]);
        var root = ReadContext.Open(full, path, diagnostics);
        var profile = root is null ? null : ProfileReader.Read(root, catalog, Path.GetDirectoryName(full)!);
        if (diagnostics.Count > 0 || profile is null) throw new ScenarioLoadException(diagnostics);
        return profile;
    }
}

/// <summary>How the suite gets a fresh token pair from a real target.</summary>
public sealed record Bootstrap(BootstrapKind Kind, string? Command, string? RefreshTokenVariable);

public enum BootstrapKind
{
    /// <summary>The contract's issue operation (sign-on, password grant, create token) with the profile's values.</summary>
    Issue,

    /// <summary>A command that prints a token response (JSON) on stdout, e.g. a script that drives a login page.</summary>
    Command,
}
