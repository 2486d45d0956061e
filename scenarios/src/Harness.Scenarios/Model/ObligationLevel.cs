namespace Harness.Scenarios.Model;

/// <summary>
/// How binding a rule is: what the vendor's page says, an RFC MUST, an RFC SHOULD or best current practice,
/// or this project's inference where the pages are silent. Against a real target only the levels its profile
/// gates on fail a check (by default <see cref="ObligationLevels.Binding"/>); the others are reported as warnings.
/// The mock must follow every level.
/// </summary>
public enum ObligationLevel
{
    /// <summary>The vendor's page states it.</summary>
    Vendor,

    /// <summary>An RFC MUST (or MUST NOT), or an RFC's only answer.</summary>
    Must,

    /// <summary>An RFC SHOULD, or a best current practice (RFC 9700 and the like).</summary>
    Should,

    /// <summary>This project's inference: the pages and RFCs leave the answer open.</summary>
    Inferred,
}

/// <summary>Sets of levels and how two levels combine.</summary>
public static class ObligationLevels
{
    /// <summary>Every level: what the mock is held to.</summary>
    public static IReadOnlySet<ObligationLevel> All { get; } = Enum.GetValues<ObligationLevel>().ToHashSet();

    /// <summary>What fails a check against a real target unless its profile says otherwise: the vendor's page and RFC MUSTs.</summary>
    public static IReadOnlySet<ObligationLevel> Binding { get; } = new HashSet<ObligationLevel> { ObligationLevel.Vendor, ObligationLevel.Must };

    /// <summary>
    /// The level of a finding that rests on two rules at once (a scenario's, and the contract item it checks):
    /// it binds no more than the weaker of them. Vendor and Must bind alike, so the first one given is kept.
    /// </summary>
    public static ObligationLevel Weaker(ObligationLevel first, ObligationLevel second) => Rank(second) < Rank(first) ? second : first;

    private static int Rank(ObligationLevel level) => level switch
    {
        ObligationLevel.Vendor or ObligationLevel.Must => 2,
        ObligationLevel.Should => 1,
        _ => 0,
    };
}
