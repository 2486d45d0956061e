using Harness.Reports;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Running;

/// <summary>The scenario model's levels of obligation as report.json spells them.</summary>
public static class Levels
{
    public static CheckLevel Of(ObligationLevel level) => level switch
    {
        ObligationLevel.Vendor => CheckLevel.Vendor,
        ObligationLevel.Must => CheckLevel.Must,
        ObligationLevel.Should => CheckLevel.Should,
        ObligationLevel.Inferred => CheckLevel.Inferred,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static ObligationLevel Of(CheckLevel level) => level switch
    {
        CheckLevel.Vendor => ObligationLevel.Vendor,
        CheckLevel.Must => ObligationLevel.Must,
        CheckLevel.Should => ObligationLevel.Should,
        CheckLevel.Inferred => ObligationLevel.Inferred,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
