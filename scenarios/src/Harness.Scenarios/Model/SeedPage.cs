namespace Harness.Scenarios.Model;

/// <summary>One of the vendor pages the contracts are written from, by its short id (seed-000).</summary>
public sealed record SeedPage(string Id, string File, string Title);
