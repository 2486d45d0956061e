using Harness.MockServer.Cli;

namespace Harness.MockServer.Tests.Cli;

/// <summary>The program calls itself by the name the user typed, whichever way it was started.</summary>
[TestFixture]
public sealed class ProgramNameTests
{
    [TestCase("/home/me/.dotnet/tools/refresh-harness", "/home/me/.dotnet/tools/.store/refresh-harness/0.1.0/refresh-harness.dll", "refresh-harness")]
    [TestCase("/srv/out/mock/Harness.MockServer", "/srv/out/mock/Harness.MockServer", "Harness.MockServer")]
    [TestCase("/usr/share/dotnet/dotnet", "/repo/mock-server/bin/Debug/net10.0/Harness.MockServer.dll", "Harness.MockServer")]
    [TestCase("/usr/share/dotnet/dotnet", "/tools/refresh-harness.dll", "refresh-harness")]
    [TestCase("refresh-harness.exe", null, "refresh-harness")]
    [TestCase(null, null, "refresh-harness")]
    public void Resolve_names_the_program_as_typed(string? processPath, string? firstArgument, string expected) =>
        ProgramName.Resolve(processPath, firstArgument).Should().Be(expected);
}
