using System.Buffers;
using System.Text;
using System.Text.Json;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Scenarios.Tests.Model;

/// <summary>How a bound success field is filled: the node path (export, fallback) and the UTF-8 path (the mock's token answers) agree.</summary>
[TestFixture]
public sealed class SlotFillerTests
{
    private static readonly AnswerValues Values = new(Encoding.UTF8.GetBytes("eyJ.access"), Encoding.UTF8.GetBytes("eyJ.refresh"),
        Now: 1_000, AccessExpiresAt: 1_300, RefreshExpiresAt: 4_600, FixedExpiresAt: 9_000, "client-1", "account-1", "openid", "session-1", Tenant: null);

    public static IEnumerable<TestCaseData> Fields() =>
        from slot in Enum.GetValues<Slot>()
        from type in new[] { FieldType.String, FieldType.Integer, FieldType.NumericString, FieldType.Jwt }
        select new TestCaseData(slot, type).SetArgDisplayNames(KebabName.Of(slot), KebabName.Of(type));

    [TestCaseSource(nameof(Fields))]
    public void Write_AnyBoundField_WritesWhatValueHolds(Slot slot, FieldType type)
    {
        var field = Field(slot, type);
        if (!SlotFiller.Fills(field))
        {
            Assert.Pass($"{slot} is not filled from an answer: the field holds its constant");
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) SlotFiller.Write(writer, field, Values);

        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be(SlotFiller.Value(field, Values)?.ToJsonString() ?? "null");
    }

    [TestCase(Slot.ExpiresIn, 300)]
    [TestCase(Slot.RefreshExpiresIn, 3_600)]
    [TestCase(Slot.SessionExpiresIn, 8_000)]
    public void Value_Lifetime_CountsFromTheAnswer_TheSessionUpToItsCap(Slot slot, long seconds)
    {
        SlotFiller.Value(Field(slot, FieldType.Integer), Values)!.GetValue<long>().Should().Be(seconds);
        SlotFiller.Value(Field(slot, FieldType.NumericString), Values)!.GetValue<string>().Should().Be(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public void Value_UnfilledSlot_IsTheContractsConstant() =>
        SlotFiller.Value(Field(Slot.Password, FieldType.Integer), Values)!.GetValue<int>().Should().Be(0);

    private static ResponseField Field(Slot slot, FieldType type) =>
        new("f", [type], true, slot, null, false, null, new Provenance("RFC 6749 §5.1", null, Location.None), Location.None);
}
