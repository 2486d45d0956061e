namespace Harness.Scenarios.Model;

/// <summary>How an API says what went wrong; <see cref="ErrorBody"/> says how each shape is written and read.</summary>
public enum ErrorShape
{
    /// <summary>Only the status code carries meaning; the body is not specified.</summary>
    StatusOnly,

    /// <summary>RFC 6749 §5.2: <c>{"error": "...", "error_description": "..."}</c>.</summary>
    Oauth2,

    /// <summary><c>{"errorCode", "errorMessage", "content", "pageable"}</c>, as the Security Management API wraps every answer.</summary>
    Envelope,

    /// <summary>
    /// <c>{"fault": {"code", "detail"}, "result"}</c>: the worked example of a sixth API in scenarios/README.md
    /// (a test fixture, not one of the product's contracts) shows what adding a shape takes.
    /// </summary>
    Fault,
}
