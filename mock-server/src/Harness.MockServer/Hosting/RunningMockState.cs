namespace Harness.MockServer.Hosting;

/// <summary>The state behind a running mock, whichever host serves it: for the programs and tests that see internals.</summary>
internal static class RunningMockState
{
    extension(IRunningMock mock)
    {
        /// <summary>The state of the contracts the mock serves now.</summary>
        internal MockState State => mock.Served.State;
    }
}
