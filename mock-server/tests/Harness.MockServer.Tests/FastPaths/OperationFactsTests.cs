using Harness.MockServer.Engine;

namespace Harness.MockServer.Tests.FastPaths;

/// <summary>
/// <see cref="OperationFacts"/> answers, from tables worked out once, what the <see cref="Operation"/> helpers (or a
/// plain query over the contract) answer per request: compared, answer by answer, for every operation of every contract.
/// </summary>
public sealed class OperationFactsTests
{
    [TestCaseSource(typeof(FastPathCases), nameof(FastPathCases.Operations))]
    public void Facts_EveryOperation_AnswerAsTheModelHelpers(Operation operation) => AnswerAsTheModel(operation);

    /// <summary>A field that binds a slot and has a member binding it too, which no contract has yet: the field is read.</summary>
    [Test]
    public void Facts_FieldAndItsMemberBindOneSlot_AnswerAsTheModelHelpers()
    {
        var operation = Contracts.Set.Operations.First(o => o.Request.Any(f => f.Items.Count > 0));
        var array = operation.Request.First(f => f.Items.Count > 0);
        var slot = array.Items[0].Binds ?? Slot.SessionToken;
        var twice = operation with { Request = [.. operation.Request.Select(f => f == array ? f with { Binds = slot, Items = [f.Items[0] with { Binds = slot }, .. f.Items.Skip(1)] } : f)] };

        AnswerAsTheModel(twice);
    }

    private static void AnswerAsTheModel(Operation operation)
    {
        var facts = OperationFacts.Of(operation);

        facts.QualifiedId.Should().Be(operation.QualifiedId);
        foreach (var condition in Enum.GetValues<Condition>())
            facts.Has(condition).Should().Be(operation.HasOutcome(condition), "Has({0})", condition);
        facts.Success.Should().BeSameAs(operation.OutcomeFor(Condition.Success));
        facts.FixedFields.Should().Equal(operation.FixedFields);
        facts.Required.Should().Equal(operation.Request.Where(f => f.Required));
        facts.RequiredItems.Should().HaveCount(facts.Required.Length);
        for (var i = 0; i < facts.Required.Length; i++) facts.RequiredItems[i].Should().Equal(facts.Required[i].Items.Where(item => item.Required));
        facts.JsonFields.Should().Equal(operation.Request.Where(f => f.In == FieldLocation.Json));
        foreach (var slot in Enum.GetValues<Slot>())
        {
            facts.FieldFor(slot).Should().BeSameAs(operation.FieldFor(slot), "FieldFor({0})", slot);
            // In the order fields are listed, a field before its own members: the first that binds the slot.
            var simple = operation.Request
                .SelectMany(f => new (RequestField Field, RequestField? Item)[] { (f, null) }.Concat(f.Items.Select(i => (Field: f, Item: (RequestField?)i))))
                .FirstOrDefault(s => (s.Item ?? s.Field).Binds == slot);
            var fast = facts.SourceOf(slot);
            if (simple.Field is null) fast.Should().BeNull("SourceOf({0})", slot);
            else
            {
                fast.Should().NotBeNull("SourceOf({0})", slot);
                fast!.Value.Field.Should().BeSameAs(simple.Field, "SourceOf({0})", slot);
                fast.Value.Item.Should().BeSameAs(simple.Item, "SourceOf({0})", slot);
            }
        }
    }
}
