using System.Buffers.Text;
using Harness.MockServer.Engine;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests;

/// <summary>
/// A token is accepted only when it is byte for byte one the mock issued, carried in the scheme its contract
/// documents. Every token field of every refresh operation gets each look-alike: the token is refused as invalid,
/// and the session's real token still works afterwards (the look-alike neither rotated nor revoked anything).
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
public sealed class TokenIdentityTests(MockHost host) : SharedMockFixture(host)
{
    /// <summary>What the field carries, made from the real token and the field's documented rendering of it.</summary>
    public delegate string Shape(string token, RequestField field);

    /// <summary>Look-alikes of a token, as the field would carry them.</summary>
    private static IEnumerable<(string Name, Shape Make, Func<RequestField, bool> AppliesTo)> LookAlikes()
    {
        yield return ("edited payload, original signature", (t, f) => f.Render(EditPayload(t)), _ => true);
        yield return ("x.y.signature", (t, f) => f.Render("x.y." + t[(t.LastIndexOf('.') + 1)..]), _ => true);
        yield return ("Basic scheme", (t, _) => "Basic " + t, _ => true);
        yield return ("Bearer Bearer", (t, _) => "Bearer Bearer " + t, _ => true);
        yield return ("quoted", (t, f) => "\"" + f.Render(t) + "\"", _ => true);
        // Where the contract documents the bare token, a scheme in front of it is not the token.
        yield return ("Bearer where the contract has no scheme", (t, _) => "Bearer " + t, f => f.Template is null);
        yield return ("token with a suffix", (t, f) => f.Render(t + "A"), _ => true);
        yield return ("token with a prefix", (t, f) => f.Render("A" + t), _ => true);
    }

    /// <summary>The documented ways to carry the token: the template (its scheme in any case), and the bare token where the contract says the mock takes it.</summary>
    private static IEnumerable<(string Name, Shape Make, Func<RequestField, bool> AppliesTo)> Documented()
    {
        yield return ("as documented", (t, f) => f.Render(t), _ => true);
        yield return ("scheme in lower case", (t, f) => f.Render(t).Replace("Bearer ", "bearer ", StringComparison.Ordinal), f => f.Template?.StartsWith("Bearer ", StringComparison.Ordinal) == true);
        yield return ("scheme in upper case", (t, f) => f.Render(t).Replace("Bearer ", "BEARER ", StringComparison.Ordinal), f => f.Template?.StartsWith("Bearer ", StringComparison.Ordinal) == true);
        // ags-refresh's Authorization: "the mock also accepts the bare token" (inferred in its contract).
        yield return ("bare token", (t, _) => t, f => f.Template is not null);
    }

    private static IEnumerable<TestCaseData> Cases(IEnumerable<(string Name, Shape Make, Func<RequestField, bool> AppliesTo)> shapes)
    {
        foreach (var operation in Contracts.Set.Operations.Where(o => o.Role == OperationRole.Refresh))
        foreach (var field in operation.Request.Where(f => f.Binds is Slot.RefreshToken or Slot.AccessToken))
        foreach (var (name, make, appliesTo) in shapes)
        {
            if (!appliesTo(field)) continue;
            yield return new TestCaseData(operation.QualifiedId, field.Name, name, make)
                .SetArgDisplayNames(operation.QualifiedId, field.Name, name);
        }
    }

    private static IEnumerable<TestCaseData> LookAlikeCases() => Cases(LookAlikes());

    private static IEnumerable<TestCaseData> DocumentedCases() => Cases(Documented());

    [TestCaseSource(nameof(LookAlikeCases))]
    public async Task Refresh_LookAlikeOfAnIssuedToken_IsRefusedAsInvalidAndTheRealOneStillWorks(string operationId, string fieldName, string shapeName, Shape shape)
    {
        var (operation, field, slots) = await SessionAsync(operationId, fieldName);

        var reply = await Mock.SendAsync(WithCarried(operation, slots, field, shape(slots[field.Binds!.Value], field)));
        var expected = Outcomes.For(operation, field.Binds == Slot.AccessToken ? Condition.AccessTokenInvalid : Condition.TokenInvalid);
        reply.ShouldMatch(operation, expected);
        Mock.Mock.Journal(1).Single().Condition.Should().Be(KebabName.Of(expected.When));

        var real = await Mock.SendAsync(ContractRequests.Build(operation, slots));
        real.ShouldBeSuccessOf(operation);
    }

    [TestCaseSource(nameof(DocumentedCases))]
    public async Task Refresh_TokenCarriedAsDocumented_Succeeds(string operationId, string fieldName, string shapeName, Shape shape)
    {
        var (operation, field, slots) = await SessionAsync(operationId, fieldName);

        var reply = await Mock.SendAsync(WithCarried(operation, slots, field, shape(slots[field.Binds!.Value], field)));

        reply.ShouldBeSuccessOf(operation);
    }

    private async Task<(Operation Operation, RequestField Field, Dictionary<Slot, string> Slots)> SessionAsync(string operationId, string fieldName)
    {
        var operation = Contracts.Set.Operations.Single(o => o.QualifiedId == operationId);
        var field = operation.Request.Single(f => f.Name == fieldName);
        var slots = await ContractRequests.StartSessionAsync(Mock, Contracts.Set.Api(operation.ApiId)!.Realm);
        return (operation, field, slots);
    }

    /// <summary>The operation's valid request with one field carrying exactly <paramref name="carried"/> (no template applied).</summary>
    private static HttpRequestMessage WithCarried(Operation operation, Dictionary<Slot, string> slots, RequestField field, string carried)
    {
        if (field.In != FieldLocation.Header)
            return ContractRequests.Build(operation, new Dictionary<Slot, string>(slots) { [field.Binds!.Value] = carried });
        var request = ContractRequests.Build(operation, slots);
        request.Headers.Remove(field.Name);
        request.Headers.TryAddWithoutValidation(field.Name, carried);
        return request;
    }

    /// <summary>The token with one claim added to its payload and its header and signature as issued.</summary>
    private static string EditPayload(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        payload["admin"] = true;
        return parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
    }
}

/// <summary>
/// The store finds a token by its signature and then checks the HMAC of the rest instead of keeping the text:
/// proven here equal to the simple rule it replaces, "found exactly when the text equals an issued token".
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class TokenLookupEquivalenceTests
{
    [Test]
    public void Find_EverySmallEditOfAnIssuedToken_IsFoundExactlyWhenTheTextIsTheIssuedOne()
    {
        var state = new MockState(Contracts.Set, new MockServerOptions { TimeSource = new ManualTime() });
        var pair = state.Tokens.StartSession("ags", state.World.Accounts.First(), "client", "tenant", "openid");
        var issued = new[] { pair.Access.Text, pair.Refresh.Text };
        var random = new Random(20_261_204);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.= é";

        // Each variant with a description of the edit: a failure must not print a token.
        var variants = new List<(string Text, string Edit)>();
        foreach (var (token, kind) in issued.Zip(new[] { "access token", "refresh token" }))
        {
            variants.Add((token, kind + " as issued"));
            variants.Add((string.Concat(token, ""), kind + " as issued, another string instance"));
            for (var i = 0; i < 400; i++)
            {
                var at = random.Next(token.Length);
                var c = alphabet[random.Next(alphabet.Length)];
                variants.Add(random.Next(3) switch
                {
                    0 => (token[..at] + c + token[(at + 1)..], $"{kind}, character {at} replaced by '{c}'"),   // sometimes by itself
                    1 => (token[..at] + c + token[at..], $"{kind}, '{c}' inserted at {at}"),
                    _ => (token.Remove(at, 1), $"{kind}, character {at} removed"),
                });
            }
        }

        foreach (var (text, edit) in variants)
            (state.Tokens.Find(text) is not null).Should().Be(issued.Contains(text), "Find must agree with comparing the whole text ({0})", edit);
        variants.Count(v => issued.Contains(v.Text)).Should().BeGreaterThan(4, "some edits give the token back, and those must be found");
    }
}
