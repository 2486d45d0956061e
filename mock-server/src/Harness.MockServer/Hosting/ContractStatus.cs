using Harness.Scenarios.Loading;

namespace Harness.MockServer.Hosting;

/// <summary>
/// Where the served contracts came from and how the last change to the scenario files went: what
/// <c>GET /__harness/contracts/status</c> answers and what the dashboard's banner shows. Each change replaces one
/// immutable <see cref="ContractStatusView"/>, so a reader never sees half of one.
/// </summary>
public sealed class ContractStatus(string source, bool watching, DateTimeOffset loadedAt)
{
    private volatile ContractStatusView _current = new(source, watching, 1, loadedAt, false, null, []);

    public ContractStatusView Current => _current;

    /// <summary>A changed folder was read without a problem and is served from now on.</summary>
    internal void Loaded(DateTimeOffset at)
    {
        var was = _current;
        _current = was with { Version = was.Version + 1, LoadedAt = at, Refused = false, RefusedAt = null, Problems = [] };
    }

    /// <summary>The folder could not be watched after all (the system's limit on watchers).</summary>
    internal void NotWatching() => _current = _current with { Watching = false };

    /// <summary>A changed folder had problems: the last valid version keeps serving, and these say what to fix.</summary>
    internal void Refused(IReadOnlyList<Diagnostic> problems, DateTimeOffset at) =>
        _current = _current with { Refused = true, RefusedAt = at, Problems = [.. problems.Select(p => p.ToString())] };
}

/// <param name="Source">The scenario folder, or <c>embedded</c> for the contracts built into the program.</param>
/// <param name="Watching">Whether changes to the folder are picked up (off with <c>--no-watch</c>, and for embedded contracts).</param>
/// <param name="Version">1 at start-up, one more per reload that was served.</param>
/// <param name="LoadedAt">When the served version was loaded, on the mock's clock.</param>
/// <param name="Refused">The folder changed since and has problems: the served version is the last valid one.</param>
/// <param name="Problems">Every problem of the refused folder, <c>file:line:column: message</c>, as <c>lint</c> prints them.</param>
public sealed record ContractStatusView(string Source, bool Watching, int Version, DateTimeOffset LoadedAt, bool Refused, DateTimeOffset? RefusedAt, IReadOnlyList<string> Problems);
