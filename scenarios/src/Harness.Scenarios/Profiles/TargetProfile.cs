using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Scenarios.Profiles;

/// <summary>
/// A real implementation to check: its base URL, the APIs it implements, where it moved their paths, the
/// capabilities it has, lifetimes that differ from the contract, target values (plain ones in the file,
/// secret ones named by environment variable, never in the file), how a session is started, and the
/// operations it does not serve at all (<see cref="Unserved"/>: qualified operation id → why; every scenario
/// that calls one is skipped with that reason).
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
    string Folder,
    IReadOnlyDictionary<string, string>? Unserved = null)
{
    /// <summary>The levels of obligation whose findings fail a check (<c>gate:</c>); null: vendor and must, the rest are warnings.</summary>
    public IReadOnlySet<ObligationLevel>? Gate { get; init; }

    /// <summary>Reads a profile file; every problem is reported at once, located, as for scenario files.</summary>
    public static TargetProfile Load(string path, Catalog catalog) => Load(path, catalog, null);

    /// <summary>As <see cref="Load(string, Catalog)"/>, and also checks that <c>apis</c>, <c>paths</c> and <c>unserved</c> name APIs and operations of <paramref name="contracts"/>.</summary>
    public static TargetProfile Load(string path, ContractSet contracts) => Load(path, contracts.Catalog, contracts);

    private static TargetProfile Load(string path, Catalog catalog, ContractSet? contracts)
    {
        var diagnostics = new List<Diagnostic>();
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ScenarioLoadException([new Diagnostic(path, 0, 0, "no such target profile")]);
        var root = ReadContext.Open(full, path, diagnostics);
        var profile = root is null ? null : ProfileReader.Read(root, catalog, Path.GetDirectoryName(full)!, contracts);
        if (diagnostics.Count > 0 || profile is null) throw new ScenarioLoadException(diagnostics);
        return profile;
    }

    /// <summary>How the client authenticates (<c>client-auth</c>); <see cref="ClientAuthentication.AsContract"/> when the profile does not say.</summary>
    public ClientAuthentication ClientAuth { get; init; } = ClientAuthentication.AsContract;

    /// <summary>
    /// <c>reuse-grace-seconds</c>: how long after a rotation the target still accepts the rotated-away refresh token
    /// (some servers allow a short grace for concurrent refreshes). Reuse checks wait it out before presenting the old
    /// token again; null when the target refuses reuse at once.
    /// </summary>
    public int? ReuseGraceSeconds { get; init; }

    /// <summary><c>strict: true</c> (or <c>HARNESS_STRICT=1</c>): a skip caused by a gap in the profile, or a run that executes no check, is a failure.</summary>
    public bool Strict { get; init; }

    /// <summary>Why the target does not serve an operation (<c>api.operation</c>), or null when it does.</summary>
    public string? UnservedReason(string qualifiedOperationId) => Unserved?.GetValueOrDefault(qualifiedOperationId);
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
