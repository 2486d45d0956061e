using System.Text.Json.Nodes;

namespace Harness.Scenarios.Model;

/// <summary>What one member of an error body holds.</summary>
public enum ErrorMember
{
    /// <summary>The outcome's error code (<c>invalid_grant</c>, <c>REQ_1000</c>): what the suite compares.</summary>
    Code,

    /// <summary>A sentence for people: what went wrong and what to send instead.</summary>
    Message,

    /// <summary>The HTTP status again, as a number.</summary>
    Status,

    /// <summary>The outcome's condition, kebab-case (<c>wrong-method</c>), for a shape that has no codes of its own.</summary>
    Condition,

    /// <summary>A member that carries the answer on success and must be empty ("", [], {} or null) on failure.</summary>
    Empty,
}

/// <summary>
/// How each <see cref="ErrorShape"/> is written and read, in one table: the mock and the WireMock export write
/// error bodies from it and the suite reads the code (and checks the empty members) from it, so a shape cannot
/// be written one way and read another. A new shape is a new <see cref="ErrorShape"/> member and a row here.
/// Members are body paths (<c>fault.code</c> nests) in the order they are written.
/// </summary>
public static class ErrorBody
{
    private static readonly IReadOnlyList<(string Path, ErrorMember Holds)> StatusOnly =
        [("status", ErrorMember.Status), ("error", ErrorMember.Condition), ("message", ErrorMember.Message)];

    private static readonly IReadOnlyList<(string Path, ErrorMember Holds)> Oauth2 =
        [("error", ErrorMember.Code), ("error_description", ErrorMember.Message)];

    private static readonly IReadOnlyList<(string Path, ErrorMember Holds)> Envelope =
        [("errorCode", ErrorMember.Code), ("errorMessage", ErrorMember.Message), ("content", ErrorMember.Empty), ("pageable", ErrorMember.Empty)];

    private static readonly IReadOnlyList<(string Path, ErrorMember Holds)> Fault =
        [("fault.code", ErrorMember.Code), ("fault.detail", ErrorMember.Message), ("result", ErrorMember.Empty)];

    /// <summary>The members of a shape's error body, in the order they are written.</summary>
    public static IReadOnlyList<(string Path, ErrorMember Holds)> Members(ErrorShape shape) => shape switch
    {
        ErrorShape.Oauth2 => Oauth2,
        ErrorShape.Envelope => Envelope,
        ErrorShape.Fault => Fault,
        _ => StatusOnly,
    };

    /// <summary>Where the error code travels, or null when the shape carries none (status only).</summary>
    public static string? CodePath(ErrorShape shape) => Members(shape).FirstOrDefault(m => m.Holds == ErrorMember.Code).Path;

    /// <summary>The members that must be empty on failure (an envelope's answer members).</summary>
    public static IEnumerable<string> EmptyPaths(ErrorShape shape) => Members(shape).Where(m => m.Holds == ErrorMember.Empty).Select(m => m.Path);

    /// <summary>Whether the shape wraps every answer in an envelope (it has members that are empty on failure).</summary>
    public static bool IsEnvelope(ErrorShape shape) => Members(shape).Any(m => m.Holds == ErrorMember.Empty);

    /// <summary>
    /// The error body of an outcome. <paramref name="withoutCode"/> leaves the code member out (the mock's
    /// malformed-envelope defect: an envelope that forgets its error code).
    /// </summary>
    public static JsonObject Write(ErrorShape shape, Outcome outcome, string message, bool withoutCode = false)
    {
        var body = new JsonObject();
        foreach (var (path, holds) in Members(shape))
        {
            if (holds == ErrorMember.Code && withoutCode) continue;
            JsonNode? value = holds switch
            {
                ErrorMember.Code => outcome.ErrorCode,
                ErrorMember.Message => message,
                ErrorMember.Status => outcome.Status,
                ErrorMember.Condition => Loading.KebabName.Of(outcome.When),
                _ => "",
            };
            BodyPath.Set(body, path, value);
        }
        return body;
    }

    /// <summary>Whether a member the shape wants empty on failure is: absent, null, "", [] or {}.</summary>
    public static bool IsEmpty(JsonNode? node, bool found) => !found || node switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v => v.TryGetValue<string>(out var s) && s.Length == 0,
        _ => false,
    };
}
