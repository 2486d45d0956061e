using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Tokens;

/// <summary>
/// Fills the token policy's claim templates (<c>${identity.tenant}</c>, <c>${token.exp}</c> ...) for one
/// token. Realms whose contract lists no claims get the registered minimum (jti, iat, exp, sid, azp, scope).
/// </summary>
/// <remarks>
/// A template is compiled once per realm and token kind into a list of write steps: literal parts are
/// serialized once up front, and only the references are written per token, straight into the minter's
/// UTF-8 buffer. The JSON is what System.Text.Json made of the claims dictionary this class used to fill
/// (same member order, number formats and escaping), so tokens are byte-for-byte what they were.
/// </remarks>
internal sealed class ClaimTemplate
{
    private readonly Step[] _steps;

    private ClaimTemplate(Step[] steps) => _steps = steps;

    /// <summary>
    /// How the mock fills each of the model's claim templates (<see cref="ClaimTemplates"/>, which the loader checks
    /// contracts against): the names are the model's, the computing is <see cref="WriteReference"/>'s.
    /// </summary>
    private static readonly Dictionary<string, Ref> Fillers = new(StringComparer.Ordinal)
    {
        ["identity.tenant"] = Ref.Tenant,
        ["identity.account"] = Ref.Account,
        ["identity.user"] = Ref.User,
        ["identity.device"] = Ref.Device,
        ["identity.account-profile-id"] = Ref.AccountProfileId,
        ["identity.country"] = Ref.Country,
        ["identity.username"] = Ref.Username,
        ["token.jti"] = Ref.Jti,
        ["token.iat"] = Ref.Iat,
        ["token.exp"] = Ref.Exp,
        ["token.nbf"] = Ref.Iat,
        ["session.id"] = Ref.SessionId,
        ["session.fixed-exp"] = Ref.SessionFixedExp,
        ["session.client-id"] = Ref.SessionClientId,
        ["session.scope"] = Ref.SessionScope,
        [RealmIssuer] = Ref.RealmIssuer,
    };

    /// <summary>The realm URL the session was started through (<see cref="TokenFamily.Issuer"/>): only an OIDC realm has one.</summary>
    public const string RealmIssuer = "realm.issuer";

    /// <summary>The templates the mock can fill: a test holds this equal to the model's list.</summary>
    public static IReadOnlyCollection<string> Filled => Fillers.Keys;

    public static ClaimTemplate Compile(IReadOnlyDictionary<string, JsonNode?> template)
    {
        var steps = new List<Step> { new(StepKind.StartObject) };
        if (template.Count == 0)
        {
            Member(steps, "jti", Ref.Jti);
            Member(steps, "iat", Ref.Iat);
            Member(steps, "exp", Ref.Exp);
            Member(steps, "sid", Ref.SessionId);
            Member(steps, "azp", Ref.SessionClientId);
            Member(steps, "sub", Ref.User);
            Member(steps, "typ", Ref.DefaultTyp);
            Member(steps, "scope", Ref.SessionScope);
        }
        else
        {
            foreach (var (name, value) in template)
            {
                steps.Add(new Step(StepKind.Name, JsonEncodedText.Encode(name)));
                CompileValue(steps, value);
            }
        }
        steps.Add(new Step(StepKind.EndObject));
        return new ClaimTemplate([.. steps]);
    }

    /// <summary>Writes the claims object of one token; <paramref name="scope"/> is what this token was granted when a refresh narrowed it (RFC 6749 §6).</summary>
    public void Write(Utf8JsonWriter writer, TokenFamily family, TokenKind kind, string jti, long iat, long exp, string? scope = null)
    {
        foreach (var step in _steps)
        {
            switch (step.Kind)
            {
                case StepKind.StartObject: writer.WriteStartObject(); break;
                case StepKind.EndObject: writer.WriteEndObject(); break;
                case StepKind.StartArray: writer.WriteStartArray(); break;
                case StepKind.EndArray: writer.WriteEndArray(); break;
                case StepKind.Name: writer.WritePropertyName(step.Name); break;
                case StepKind.Literal: writer.WriteRawValue(step.Literal!, skipInputValidation: true); break;
                default: WriteReference(writer, step, family, kind, jti, iat, exp, scope); break;
            }
        }
    }

    private static void WriteReference(Utf8JsonWriter writer, Step step, TokenFamily family, TokenKind kind, string jti, long iat, long exp, string? scope)
    {
        var identity = family.Account.Identity;
        switch (step.Ref)
        {
            case Ref.Iat: writer.WriteNumberValue(iat); return;
            case Ref.Exp: writer.WriteNumberValue(exp); return;
            case Ref.SessionFixedExp: writer.WriteNumberValue(family.FixedExpiresAt ?? exp); return;
            case Ref.Unknown: throw new InvalidOperationException($"unknown claim template ${{{step.UnknownName}}}");
        }
        var text = step.Ref switch
        {
            Ref.Tenant => family.Tenant,
            Ref.Account => identity.AccountId,
            Ref.User => identity.UserId,
            Ref.Device => family.ClientId,
            Ref.AccountProfileId => identity.AccountProfileId,
            Ref.Country => identity.BillingCountryCode,
            Ref.Username => identity.Username,
            Ref.Jti => jti,
            Ref.SessionId => family.Id,
            Ref.SessionClientId => family.ClientId,
            Ref.SessionScope => scope ?? family.Scope,
            Ref.RealmIssuer => family.Issuer,
            Ref.DefaultTyp => kind == TokenKind.Access ? "Bearer" : "Refresh",
            _ => throw new InvalidOperationException($"unhandled claim reference {step.Ref}"),
        };
        if (text is null) writer.WriteNullValue();
        else writer.WriteStringValue(text);
    }

    private static void Member(List<Step> steps, string name, Ref reference)
    {
        steps.Add(new Step(StepKind.Name, JsonEncodedText.Encode(name)));
        steps.Add(new Step(StepKind.Reference, Ref: reference));
    }

    private static void CompileValue(List<Step> steps, JsonNode? node)
    {
        if (!HasReference(node))
        {
            steps.Add(new Step(StepKind.Literal, Literal: Serialize(node)));
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                steps.Add(new Step(StepKind.StartObject));
                foreach (var (name, value) in obj)
                {
                    steps.Add(new Step(StepKind.Name, JsonEncodedText.Encode(name)));
                    CompileValue(steps, value);
                }
                steps.Add(new Step(StepKind.EndObject));
                return;
            case JsonArray array:
                steps.Add(new Step(StepKind.StartArray));
                foreach (var value in array) CompileValue(steps, value);
                steps.Add(new Step(StepKind.EndArray));
                return;
        }
        var reference = ClaimTemplates.ReferenceIn(node)!;
        steps.Add(new Step(StepKind.Reference, Ref: ReferenceOf(reference), UnknownName: reference));
    }

    private static Ref ReferenceOf(string name) => Fillers.GetValueOrDefault(name, Ref.Unknown);

    /// <summary>Whether a value holds a <c>${...}</c> reference anywhere (a string value, not a boolean or number).</summary>
    private static bool HasReference(JsonNode? node) => node switch
    {
        null => false,
        JsonObject obj => obj.Any(kv => HasReference(kv.Value)),
        JsonArray array => array.Any(HasReference),
        JsonValue value => IsReference(value),
        _ => false,
    };

    private static bool IsReference(JsonValue value) => ClaimTemplates.ReferenceIn(value) is not null;

    /// <summary>A literal as the claims dictionary held it (bool, long, decimal or string; objects and arrays member by member), serialized.</summary>
    private static byte[] Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer)) WriteLiteral(writer, node);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteLiteral(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                return;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteLiteral(writer, value);
                }
                writer.WriteEndObject();
                return;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var value in array) WriteLiteral(writer, value);
                writer.WriteEndArray();
                return;
        }
        var scalar = (JsonValue)node;
        if (scalar.TryGetValue<bool>(out var b)) writer.WriteBooleanValue(b);
        else if (scalar.TryGetValue<long>(out var l)) writer.WriteNumberValue(l);
        else if (scalar.TryGetValue<decimal>(out var d)) writer.WriteNumberValue(d);
        else writer.WriteStringValue(scalar.GetValue<string>());
    }

    private enum StepKind { StartObject, EndObject, StartArray, EndArray, Name, Literal, Reference }

    private enum Ref
    {
        None, Unknown, Tenant, Account, User, Device, AccountProfileId, Country, Username,
        Jti, Iat, Exp, SessionId, SessionFixedExp, SessionClientId, SessionScope, DefaultTyp, RealmIssuer,
    }

    private readonly record struct Step(StepKind Kind, JsonEncodedText Name = default, byte[]? Literal = null, Ref Ref = Ref.None, string? UnknownName = null);
}
