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
public sealed class MockState
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
        // A mock told to accept expired tokens (or to ignore the session cap) must still know them, so it keeps them.
        Tokens = new TokenStore(contracts, Minter, Faker, Clock, evictExpired: !options.Defects.Contains(Defect.AcceptExpiredRefreshToken) && !options.Defects.Contains(Defect.IgnoreSessionCap));
        Router = new OperationRouter(contracts);
        Redactor = new Redactor();
        foreach (var secret in World.Clients.Select(c => c.Secret)
                     .Concat(World.Accounts.SelectMany(a => new[] { a.Identity.Password, a.Identity.SessionToken })))
            Redactor.AddKnownSecret(secret);
        Journal = new RequestJournal(Redactor);
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
    public FaultPlan Faults { get; } = new();
    public Oidc.AuthorizationCodes AuthorizationCodes { get; } = new();

    public bool Has(Defect defect) => Defects.Contains(defect);

    /// <summary>Back to a fresh start: no sessions, no journal, no forced answers or faults, the clock at real time.</summary>
    public void Reset()
    {
        Tokens.Clear();
        Journal.Clear();
        Forced.Clear();
        Faults.Clear();
        AuthorizationCodes.Clear();
        Clock.Reset();
    }
}
