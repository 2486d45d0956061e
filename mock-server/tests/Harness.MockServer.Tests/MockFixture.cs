using Harness.MockServer.Hosting;

namespace Harness.MockServer.Tests;

/// <summary>Starts a mock on a free port for one test and stops it afterwards.</summary>
public static class MockFixture
{
    public static Task<HarnessMock> StartAsync(int seed = 1, params Harness.MockServer.Defects.Defect[] defects) =>
        HarnessMock.StartAsync(new MockServerOptions { Port = 0, Seed = seed, Defects = defects.ToHashSet() });
}
