namespace Harness.MockServer.Engine;

/// <summary>
/// Keeps the young generation small whatever the machine. The runtime sizes gen0 from the CPU's last-level
/// cache, and virtual machines that report a large one (105 MB here) get a gen0 budget of several tens of
/// megabytes: the mock's resident memory then grows by that much however little it keeps alive. The budget
/// can only be set through an environment variable (DOTNET_GCgen0size), which a user starting the mock does
/// not set, so every few hundred requests this checks how much was allocated since the last young
/// collection and asks for one past <see cref="Budget"/>. On a machine whose own budget is smaller the
/// runtime collects first and this never acts.
/// </summary>
internal sealed class YoungGenerationPacer
{
    /// <summary>Bytes allocated between two young collections at most; a gen0 collection of the mock's small live set takes well under a millisecond.</summary>
    public const long Budget = 8 * 1024 * 1024;
    private const int CheckEvery = 256;

    private readonly Lock _gate = new();
    private int _calls;
    private int _lastCount = -1;
    private long _allocatedAtLastCollection;

    /// <summary>Called once per request; cheap except on every <see cref="CheckEvery"/>th call.</summary>
    public void Tick()
    {
        if ((Interlocked.Increment(ref _calls) & (CheckEvery - 1)) != 0) return;
        if (!_gate.TryEnter()) return;
        try
        {
            var count = GC.CollectionCount(0);
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            if (count != _lastCount)
            {
                // The runtime collected on its own since the last look: start counting from here.
                _lastCount = count;
                _allocatedAtLastCollection = allocated;
                return;
            }
            if (allocated - _allocatedAtLastCollection < Budget) return;
            GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false);
            _lastCount = GC.CollectionCount(0);
            _allocatedAtLastCollection = GC.GetTotalAllocatedBytes(precise: false);
        }
        finally
        {
            _gate.Exit();
        }
    }
}
