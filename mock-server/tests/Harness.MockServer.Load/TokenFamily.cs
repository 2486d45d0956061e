using Harness.MockServer.Load.Apis;

namespace Harness.MockServer.Load;

/// <summary>A session as the client sees it: its newest pair, changed in place as refreshes rotate it.</summary>
internal sealed class TokenFamily(RotatingApi api, string access, string refresh)
{
    public RotatingApi Api { get; } = api;
    public string Access { get; set; } = access;
    public string Refresh { get; set; } = refresh;
}
