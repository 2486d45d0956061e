using System.Security.Cryptography;

namespace Harness.MockServer.Hosting;

/// <summary>
/// A control token for a mock that listens beyond loopback and was given none. It guards the control API, so it
/// comes from the system's cryptographic generator, never from <c>--seed</c>: a token a run can repeat is one an
/// attacker can repeat.
/// </summary>
internal static class ControlToken
{
    public static string Generate() => "hct_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
