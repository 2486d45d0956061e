namespace Harness.MockServer.Load;

/// <summary>The size of a robustness run. The defaults are bench/run's full-size run.</summary>
public sealed record LoadOptions
{
    /// <summary>Concurrent connections; each sends one request at a time, so this is also the concurrency.</summary>
    public int Connections { get; init; } = 64;

    /// <summary>How long the mixed traffic runs; the family checks afterwards come on top.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seeds the fault choice and, offset per connection, each connection's traffic mix, so two runs ask the same things.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// At most this many families are checked after the run: each check costs three requests after the clock
    /// stopped, and at full size the connections trust more families than the check needs to be convincing.
    /// </summary>
    public int MaxFamiliesChecked { get; init; } = 400;
}
