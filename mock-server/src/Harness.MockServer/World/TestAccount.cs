using Harness.Scenarios.Fakes;

namespace Harness.MockServer.World;

/// <summary>An end user the mock knows, with the credentials each issue operation takes.</summary>
internal sealed record TestAccount(FakeIdentity Identity, bool Suspended, string Scope);
