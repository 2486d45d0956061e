namespace Harness.MockServer.WireMock;

/// <summary>
/// Where the harness's mappings sit among a WireMock.Net server's (a lower number wins; a mapping without a priority
/// has 0). Users' stubs therefore override the contract on the requests they match, but never the control surface.
/// </summary>
public static class HarnessPriorities
{
    /// <summary>/__harness (control API, dashboard, OpenAPI documents): above every user stub.</summary>
    public const int ControlSurface = -1_000_000;

    /// <summary>A contract operation matched on method, path and content type (and an OIDC endpoint).</summary>
    public const int ContractOperation = 1_000_000;

    /// <summary>Any other request to a contract path (wrong method or content type): the engine gives its documented answer.</summary>
    public const int ContractPath = 1_000_001;

    /// <summary>Everything else: the harness's JSON 404, or the --proxy backend.</summary>
    public const int Fallback = int.MaxValue;
}
