namespace Harness.MockServer.Tests.Support;

/// <summary>
/// One mock for all tests of a fixture, reset before each test (sessions, journal, forcing, faults, clock).
/// Starting a mock costs far more than resetting one (the control API's endpoints are built per app), so
/// fixtures share theirs; the fixtures themselves run in parallel, the tests of one fixture one after another.
/// The clock stands still unless a test advances it, so lifetimes can be asserted to the second.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public abstract class SharedMockFixture(MockHost host = MockHost.Kestrel)
{
    private TestMock? _mock;

    /// <summary>The host the fixture's mock runs on; a fixture with <c>[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]</c> runs on each.</summary>
    protected MockHost Host { get; } = host;

    protected TestMock Mock => _mock ?? throw new InvalidOperationException("the mock is not started");

    protected virtual Task<TestMock> StartMockAsync() => TestMock.StartAsync(Host, time: new ManualTime());

    [OneTimeSetUp]
    public async Task StartSharedMock() => _mock = await StartMockAsync();

    [OneTimeTearDown]
    public async Task StopSharedMock()
    {
        if (_mock is not null) await _mock.DisposeAsync();
    }

    [SetUp]
    public Task ResetSharedMock() => Mock.ResetAsync();
}
