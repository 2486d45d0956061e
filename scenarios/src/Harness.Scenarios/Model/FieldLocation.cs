namespace Harness.Scenarios.Model;

/// <summary>Where a request field travels.</summary>
public enum FieldLocation
{
    Header,
    Json,
    Form,
    Query,

    /// <summary>HTTP Basic credentials in the Authorization header: a field bound to client-id is the user, client-secret the password.</summary>
    BasicAuth,
}
