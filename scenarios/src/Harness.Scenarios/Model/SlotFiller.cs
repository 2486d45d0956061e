using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Scenarios.Model;

/// <summary>
/// How a success body's field bound to a slot is filled: the one definition the running mock (node and fast
/// UTF-8 path) and the WireMock export use. A field bound to a slot a session does not answer (a session token,
/// a password), or to none, holds the contract's constant: its <c>equals</c> value, else an empty value of its type.
/// </summary>
public static class SlotFiller
{
    /// <summary>Whether the field's value comes from the answer (else it is <see cref="Constant"/>).</summary>
    public static bool Fills(ResponseField field) => ValueOf(field.Binds, default).Kind != Filled.None;

    /// <summary>The field's value in one answer, as a node.</summary>
    public static JsonNode? Value(ResponseField field, in AnswerValues values) => ValueOf(field.Binds, values) switch
    {
        { Kind: Filled.Token } v => JsonValue.Create(Encoding.UTF8.GetString(v.Token.Span)),
        { Kind: Filled.Seconds } v => Seconds(field, v.Seconds),
        { Kind: Filled.Text } v => v.Text is null ? null : JsonValue.Create(v.Text),
        _ => Constant(field),
    };

    /// <summary>Writes the field's value in one answer without making a node of it (the mock's token answers).</summary>
    public static void Write(Utf8JsonWriter writer, ResponseField field, in AnswerValues values)
    {
        var value = ValueOf(field.Binds, values);
        switch (value.Kind)
        {
            case Filled.Token:
                // The minted bytes, escaped by the same rules as a string (a compact JWS needs none).
                writer.WriteStringValue(value.Token.Span);
                return;
            case Filled.Seconds when field.Types[0] == FieldType.NumericString:
                Span<char> digits = stackalloc char[24];
                value.Seconds.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
                writer.WriteStringValue(digits[..length]);
                return;
            case Filled.Seconds:
                writer.WriteNumberValue(value.Seconds);
                return;
            case Filled.Text when value.Text is null:
                writer.WriteNullValue();
                return;
            case Filled.Text:
                writer.WriteStringValue(value.Text);
                return;
            default:
                throw new InvalidOperationException($"field {field.Path} is not bound to a value of the answer");
        }
    }

    /// <summary>What a field the answer does not fill holds: the contract's value, else an empty value of its first type.</summary>
    public static JsonNode? Constant(ResponseField field) => field.EqualTo?.DeepClone() ?? field.Types[0] switch
    {
        FieldType.Integer or FieldType.Number => JsonValue.Create(0),
        FieldType.Boolean => JsonValue.Create(false),
        FieldType.Array or FieldType.NameValueArray => new JsonArray(),
        FieldType.Object => new JsonObject(),
        FieldType.Null or FieldType.Empty => null,
        _ => JsonValue.Create(""),
    };

    /// <summary>A lifetime in the first type the contract allows: Software AG documents expires_in as a String.</summary>
    public static JsonNode Seconds(ResponseField field, long seconds) =>
        field.Types[0] == FieldType.NumericString ? JsonValue.Create(seconds.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(seconds);

    /// <summary>The meaning of each slot in a token answer: the one place a slot is mapped to what fills it.</summary>
    private static Filling ValueOf(Slot? slot, in AnswerValues v) => slot switch
    {
        Slot.AccessToken => new(Filled.Token, Token: v.AccessToken),
        Slot.RefreshToken => new(Filled.Token, Token: v.RefreshToken),
        Slot.ExpiresIn => new(Filled.Seconds, Seconds: v.AccessExpiresAt - v.Now),
        Slot.RefreshExpiresIn => new(Filled.Seconds, Seconds: v.RefreshExpiresAt - v.Now),
        Slot.SessionExpiresIn => new(Filled.Seconds, Seconds: (v.FixedExpiresAt ?? v.RefreshExpiresAt) - v.Now),
        Slot.ClientId => new(Filled.Text, Text: v.ClientId),
        Slot.AccountId => new(Filled.Text, Text: v.AccountId),
        Slot.Scope => new(Filled.Text, Text: v.Scope),
        Slot.SessionState => new(Filled.Text, Text: v.SessionId),
        Slot.Tenant => new(Filled.Text, Text: v.Tenant),
        _ => default,
    };

    private enum Filled { None, Token, Seconds, Text }

    private readonly record struct Filling(Filled Kind, ReadOnlyMemory<byte> Token = default, long Seconds = 0, string? Text = null);
}
