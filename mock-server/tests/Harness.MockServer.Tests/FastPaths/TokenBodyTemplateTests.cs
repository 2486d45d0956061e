using Harness.MockServer.Engine;
using Harness.MockServer.Tokens;
using Harness.MockServer.World;
using Harness.Scenarios.Fakes;

namespace Harness.MockServer.Tests.FastPaths;

/// <summary>
/// A token answer is written from pre-cut pieces (<see cref="TokenBodyTemplate"/>); the simple way builds the body
/// field by field (<see cref="ResponseWriter.BoundValue"/> at each <see cref="BodyPath"/>) and serializes it. For every
/// operation that answers with tokens, with and without the fields a defect drops, and seeded random answers (values
/// that need escaping, numeric-string lifetimes, sessions with and without a fixed end), the bytes must be the same.
/// </summary>
public sealed class TokenBodyTemplateTests
{
    public static IEnumerable<TestCaseData> TokenOperations() =>
        Contracts.Set.Operations.Where(o => o.Role is OperationRole.Issue or OperationRole.Refresh)
            .Select(o => new TestCaseData(o).SetArgDisplayNames(o.QualifiedId));

    [TestCaseSource(nameof(TokenOperations))]
    public void Fill_EveryTokenOperation_RandomAnswers_SameBytesAsBuiltFieldByField(Operation operation)
    {
        var random = FastPathCases.Seeded(operation, 3);
        var faker = new HarnessFaker(operation.QualifiedId.Length);
        var layouts = new IReadOnlyList<ResponseField>[]
        {
            operation.Response.Fields,
            [.. operation.Response.Fields.Where(f => !f.Path.EndsWith("token_type", StringComparison.Ordinal))],
        };
        foreach (var fields in layouts)
        {
            var template = TokenBodyTemplate.Compile(fields);
            for (var i = 0; i < FastPathCases.Draws; i++)
            {
                var answer = RandomAnswer(random, faker, operation);
                var simple = new JsonObject();
                foreach (var field in fields) BodyPath.Set(simple, field.Path, SlotFiller.Value(field, TokenBodyTemplate.ValuesOf(answer)));

                Encoding.UTF8.GetString(template.Fill(answer)).Should().Be(simple.ToJsonString(), "answer {0} of {1}", i, operation.QualifiedId);
            }
        }
    }

    [Test]
    public void Compile_PathInsideABoundValue_IsRefusedWithTheFields()
    {
        var token = Contracts.Set.Operations.First(o => o.Role == OperationRole.Refresh).Response.Fields.First(f => f.Binds == Slot.AccessToken);

        var compile = () => TokenBodyTemplate.Compile([token, token with { Path = token.Path + ".inner", Binds = null }]);

        compile.Should().Throw<InvalidOperationException>().WithMessage($"*{token.Path}.inner*");
    }

    private static TokenAnswer RandomAnswer(Random random, HarnessFaker faker, Operation operation)
    {
        var now = 1_700_000_000L + random.Next(0, 1_000_000);
        var family = new TokenFamily(Text(random), "realm", new TestAccount(faker.Identity("tenant"), false, "openid"), Text(random), Text(random), Text(random),
            now - random.Next(0, 1000), random.Next(2) == 0 ? null : now + random.Next(-100, 100_000));
        var pair = new TokenPair(new TokenText(Text(random)), new TokenText(Text(random)), now, now + random.Next(-10, 3600), now + random.Next(-10, 86_400), family);
        return new TokenAnswer(operation, operation.Outcomes[0], pair, Text(random), now);
    }

    /// <summary>Token-like text, or text a JSON writer must escape (quotes, controls, HTML-sensitive and non-ASCII characters).</summary>
    private static string Text(Random random)
    {
        const string alphabet = "abcXYZ0189-_.~ \"\\<>&'\u0001\u007f\u00e9\u2028\ud83d\ude00";
        var length = random.Next(0, 24);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            var at = random.Next(alphabet.Length);
            text.Append(char.IsHighSurrogate(alphabet[at]) ? alphabet.Substring(at, 2) : char.IsLowSurrogate(alphabet[at]) ? "x" : alphabet[at].ToString());
        }
        return text.ToString();
    }
}
