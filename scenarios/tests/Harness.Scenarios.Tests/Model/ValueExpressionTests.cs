using System.Text.Json.Nodes;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Scenarios.Tests.Model;

[TestFixture]
public sealed class ValueExpressionTests
{
    private static readonly Location Where = new("demo/scenarios.yaml", 12, 34);

    private static ValueExpression Parse(string text, out List<Diagnostic> problems)
    {
        problems = [];
        return ValueExpression.Parse(text, Where, problems);
    }

    /// <summary>A resolver that answers from a table keyed by the reference as written (<c>${s.refresh-token}</c>).</summary>
    private static Func<ValueReference, JsonNode?> Resolver(params (string Reference, JsonNode? Value)[] values)
    {
        var table = values.ToDictionary(v => v.Reference, v => v.Value);
        return reference => table.GetValueOrDefault(reference.ToString());
    }

    [Test]
    public void Parse_SingleReference_ReadsRootAndPath()
    {
        var expression = Parse("${s.claims.refresh-token.fixed_exp}", out var problems);

        problems.Should().BeEmpty();
        var reference = expression.References.Should().ContainSingle().Subject;
        reference.Root.Should().Be("s");
        reference.Path.Should().Equal("claims", "refresh-token", "fixed_exp");
        reference.IsStep.Should().BeTrue();
        reference.Where.Should().Be(Where);
    }

    [Test]
    public void Evaluate_SingleReferenceToNumber_ReturnsTheRawNumber()
    {
        var expression = Parse("${r.expires-in}", out _);

        var value = expression.Evaluate(Resolver(("${r.expires-in}", JsonValue.Create(300))));

        value.Should().NotBeNull();
        value!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.Number);
        value.GetValue<int>().Should().Be(300);
    }

    [Test]
    public void Evaluate_SingleReferenceToObject_ReturnsACopyOfTheObject()
    {
        var original = new JsonObject { ["maxSessions"] = 3, ["sessionControlEnabled"] = true };
        var expression = Parse("${r.body.sessionControl}", out _);

        var value = expression.Evaluate(Resolver(("${r.body.sessionControl}", original)));

        JsonNode.DeepEquals(value, original).Should().BeTrue();
        value.Should().NotBeSameAs(original, "the caller may attach the value to another document");
    }

    [Test]
    public void Evaluate_TextWithReferences_InterpolatesThem()
    {
        var expression = Parse("Bearer ${s.access-token} for ${r.expires-in}s", out var problems);

        var value = expression.Evaluate(Resolver(("${s.access-token}", JsonValue.Create("abc.def.ghi")), ("${r.expires-in}", JsonValue.Create(300))));

        problems.Should().BeEmpty();
        expression.References.Select(r => r.ToString()).Should().Equal("${s.access-token}", "${r.expires-in}");
        value!.GetValue<string>().Should().Be("Bearer abc.def.ghi for 300s");
    }

    [Test]
    public void Evaluate_ReferenceWithoutValue_ReturnsNull()
    {
        var expression = Parse("Bearer ${s.access-token}", out _);

        expression.Evaluate(Resolver()).Should().BeNull();
    }

    public static IEnumerable<TestCaseData> Sums()
    {
        yield return new TestCaseData("${lifetime.refresh} + 1", 172801m).SetName("Evaluate_ReferencePlusNumber_ReturnsTheSum");
        yield return new TestCaseData("${lifetime.refresh} - 60", 172740m).SetName("Evaluate_ReferenceMinusNumber_ReturnsTheDifference");
        yield return new TestCaseData("${s.time} + ${lifetime.access} - 5", 1_700_003_595m).SetName("Evaluate_ReferencesAddedAndSubtracted_ReturnsTheTotal");
        yield return new TestCaseData("${r.expires-in} + 0", 3600m).SetName("Evaluate_SumWithNumericString_ReadsTheStringAsANumber");
    }

    [TestCaseSource(nameof(Sums))]
    public void Evaluate_Sum_ReturnsTheNumber(string text, decimal expected)
    {
        var expression = Parse(text, out var problems);
        var resolve = Resolver(
            ("${lifetime.refresh}", JsonValue.Create(172800L)),
            ("${lifetime.access}", JsonValue.Create(3600L)),
            ("${s.time}", JsonValue.Create(1_700_000_000L)),
            ("${r.expires-in}", JsonValue.Create("3600")));

        var value = expression.Evaluate(resolve);

        problems.Should().BeEmpty();
        value.Should().NotBeNull();
        value!.GetValue<decimal>().Should().Be(expected);
    }

    [Test]
    public void Evaluate_SumOfReferenceToInt_ReturnsTheSum()
    {
        var expression = Parse("${lifetime.refresh} + 1", out _);

        var value = expression.Evaluate(Resolver(("${lifetime.refresh}", JsonValue.Create(172800))));

        value.Should().NotBeNull();
        value!.GetValue<decimal>().Should().Be(172801m);
    }

    [Test]
    public void Evaluate_SumWithNonNumericValue_ReturnsNull()
    {
        var expression = Parse("${s.refresh-token} + 1", out _);

        expression.Evaluate(Resolver(("${s.refresh-token}", JsonValue.Create("eyJ.not.a.number")))).Should().BeNull();
    }

    [Test]
    public void Parse_SumWithTermThatIsNeitherNumberNorReference_ReportsTheTerm()
    {
        Parse("${lifetime.refresh} + soon", out var problems);

        problems.Should().ContainSingle().Which.Should().Be(Where.Problem("'soon' in a sum must be a number or a ${...} reference"));
    }

    [Test]
    public void Parse_UnclosedReference_ReportsItAtTheValue()
    {
        Parse("Bearer ${s.access-token", out var problems);

        problems.Should().ContainSingle().Which.Should().Be(Where.Problem("unclosed '${' in 'Bearer ${s.access-token'"));
    }

    [Test]
    public void Parse_EmptyReference_ReportsIt()
    {
        Parse("${}", out var problems);

        problems.Should().ContainSingle().Which.Message.Should().StartWith("'${}' is not a valid reference");
    }

    [Test]
    public void Evaluate_Literal_ReturnsTheText()
    {
        ValueExpression.Literal("no-such-session-token").Evaluate(Resolver())!.GetValue<string>().Should().Be("no-such-session-token");
    }

    [Test]
    public void Parse_NumbersOnlySum_IsStillASum()
    {
        var expression = Parse("3600 - 60", out var problems);

        problems.Should().BeEmpty();
        expression.Evaluate(Resolver())!.GetValue<decimal>().Should().Be(3540m);
    }

    [Test]
    public void Parse_TextWithReferenceInsideATerm_IsPlainText()
    {
        var expression = Parse("Bearer ${s.access-token} - x", out var problems);

        problems.Should().BeEmpty();
        expression.Evaluate(Resolver(("${s.access-token}", JsonValue.Create("abc"))))!.GetValue<string>().Should().Be("Bearer abc - x");
    }

    [Test]
    public void Parse_LiteralTextWithSpacedHyphen_IsPlainText()
    {
        var expression = Parse("jane - doe", out var problems);

        problems.Should().BeEmpty();
        expression.Evaluate(Resolver())!.GetValue<string>().Should().Be("jane - doe");
    }
}
