using Harness.MockServer.Control;
using Harness.MockServer.Defects;
using Harness.MockServer.Engine;
using Harness.MockServer.Journal;
using Harness.MockServer.Time;
using Harness.MockServer.Tokens;
using Harness.MockServer.World;
using Harness.Scenarios.Fakes;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;

namespace Harness.MockServer.Hosting;

/// <summary>Everything one mock run holds: the contracts, the cast, the clock, token state and the switches of the control API.</summary>
internal sealed class MockState
{
    public MockState(ContractSet contracts, MockServerOptions options) : this(contracts, options, new VirtualClock(options.TimeSource), null, [])
    {
    }

    /// <summary>
    /// The state of reloaded contracts (see <see cref="ServedContracts.ContractsReloaded"/>): the clock and the journal
    /// carry on from <paramref name="previous"/>, and the world is the same (made from the same seed); sessions,
    /// authorization codes, forced outcomes and faults start empty, because they were made under the old contract's
    /// operations, outcomes and lifetimes.
    /// </summary>
    public MockState(ContractSet contracts, MockState previous)
        : this(contracts, previous.Options, previous.Clock, previous.Journal, previous.SecretNames)
    {
    }

    private MockState(ContractSet contracts, MockServerOptions options, VirtualClock clock, RequestJournal? journal, IEnumerable<string> earlierSecretNames)
    {
        Contracts = contracts;
        Options = options;
        Defects = options.Defects;
        Clock = clock;
        Faker = new HarnessFaker(options.Seed);
        World = new MockWorld(Faker);
        Minter = new TokenMinter(Faker);
        Tokens = new TokenStore(contracts, Minter, Faker, Clock, options.MaxSessions) { ClaimOverrides = Overrides };
        Router = new OperationRouter(contracts);
        // A carried-over journal holds requests of earlier contract versions too: their secret names stay secret.
        SecretNames = new HashSet<string>(DeclaredSecrets.Names(contracts).Concat(earlierSecretNames), StringComparer.OrdinalIgnoreCase);
        Redactor = new Redactor(SecretNames);
        foreach (var secret in World.Clients.Select(c => c.Secret)
                     .Concat(World.Accounts.SelectMany(a => new[] { a.Identity.Password, a.Identity.SessionToken })))
            Redactor.AddKnownSecret(secret);
        Journal = journal ?? new RequestJournal(Redactor);
        Faults = new FaultPlan(options.Seed);
    }

    /// <summary>The secret field names of these contracts and of every earlier version this run served.</summary>
    internal IReadOnlySet<string> SecretNames { get; }

    public ContractSet Contracts { get; }
    public MockServerOptions Options { get; }
    public IReadOnlySet<Defect> Defects { get; }
    public VirtualClock Clock { get; }
    public HarnessFaker Faker { get; }
    public MockWorld World { get; }
    public TokenMinter Minter { get; }
    public TokenStore Tokens { get; }
    public OperationRouter Router { get; }
    public Redactor Redactor { get; }
    public RequestJournal Journal { get; }
    public ForcedOutcomes Forced { get; } = new();
    public FaultPlan Faults { get; }
    public RuntimeOverrides Overrides { get; } = new();
    public Oidc.AuthorizationCodes AuthorizationCodes { get; } = new();

    /// <summary>Above this many remembered tokens (some megabytes), reset returns the memory to the system.</summary>
    private const int LargeStoreTokens = 20_000;

    public bool Has(Defect defect) => Defects.Contains(defect);

    /// <summary>
    /// Back to a fresh start: no sessions, no journal, no forced answers, faults or run-time overrides, the clock at real time, and the
    /// memory a flood of sessions took handed back to the system (RSS near where it started, bench/README.md).
    /// </summary>
    public void Reset()
    {
        // A full collection costs tens of milliseconds: worth it after a flood, not between two tests of a few sessions.
        var large = Tokens.TokenCount > LargeStoreTokens;
        Tokens.Clear();
        Journal.Clear();
        Forced.Clear();
        Faults.Clear();
        Overrides.Reset();
        AuthorizationCodes.Clear();
        Clock.Reset();
        if (large) ReturnMemory();
    }

    /// <summary>
    /// The store's old tables are garbage now; without a full, compacting collection the heap keeps the pages they
    /// used. Aggressive mode also decommits what the collection freed. Blocking, but only on reset, which a test or
    /// a developer asks for between runs.
    /// </summary>
    private static void ReturnMemory()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
