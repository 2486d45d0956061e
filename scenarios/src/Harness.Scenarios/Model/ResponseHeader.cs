using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>A header a response must carry; <see cref="Contains"/> is one directive of a list-valued header such as Cache-Control.</summary>
public sealed record ResponseHeader(string Name, string Contains, Provenance Provenance, Location Where);
