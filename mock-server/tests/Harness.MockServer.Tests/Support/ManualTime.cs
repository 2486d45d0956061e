namespace Harness.MockServer.Tests.Support;

/// <summary>
/// A time source for the mock that stands still (so two runs mint byte-identical tokens and exp is exact),
/// or, with <see cref="StepPerRead"/>, moves a little on every read, like a server that is slow between two looks at the clock.
/// </summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset DefaultStart = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public ManualTime() : this(DefaultStart)
    {
    }

    public TimeSpan StepPerRead { get; init; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            var now = _now;
            _now += StepPerRead;
            return now;
        }
    }
}
