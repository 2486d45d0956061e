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
    public MockState(ContractSet contracts, MockServerOptions options)
    {
        Contracts = contracts;
        Options = options;
        Defects = options.Defects;
        Clock = new VirtualClock(options.TimeSource);
        Faker = new HarnessFaker(options.Seed);
        World = new MockWorld(Faker);
        Minter = new TokenMinter(Faker);
        Tokens = new TokenStore(contracts, Minter, Faker, Clock, options.MaxSessions);
        Router = new OperationRouter(contracts);
        Redactor = Redactor.ForContracts(contracts);
        foreach (var secret in World.Clients.Select(c => c.Secret)
                     .Concat(World.Accounts.SelectMany(a => new[] { a.Identity.Password, a.Identity.SessionToken })))
            Redactor.AddKnownSecret(secret);
        Journal = new RequestJournal(Redactor);
        Faults = new FaultPlan(options.Seed);
    }

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
    public Oidc.AuthorizationCodes AuthorizationCodes { get; } = new();

    /// <summary>Above this many remembered tokens (some megabytes), reset returns the memory to the system.</summary>
    private const int LargeStoreTokens = 20_000;

    public bool Has(Defect defect) => Defects.Contains(defect);

    /// <summary>
    /// Back to a fresh start: no sessions, no journal, no forced answers or faults, the clock at real time, and the
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
