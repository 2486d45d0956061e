namespace Harness.MockServer.World;

/// <summary>A registered OAuth client of the mock. <see cref="AllowsRefresh"/> is false for the restricted client.</summary>
internal sealed record TestClient(string Id, string Secret, bool AllowsRefresh, bool GeoBlocked);
