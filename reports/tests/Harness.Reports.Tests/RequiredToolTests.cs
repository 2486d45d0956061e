namespace Harness.Reports.Tests;

/// <summary>The one rule for a missing tool: skipped with the install command locally, a failure with it in CI.</summary>
public class RequiredToolTests
{
    [Test]
    public void Missing_Locally_IgnoresWithTheInstallCommand()
    {
        var ignored = Assert.Throws<IgnoreException>(() => RequiredTool.Java.Missing("not on PATH", strict: false));

        ignored!.Message.Should().Contain("java is missing: not on PATH").And.Contain("sudo apt-get install -y default-jre-headless");
    }

    [Test]
    public void Missing_UnderCi_FailsWithTheInstallCommand()
    {
        var failed = Assert.Throws<AssertionException>(() => RequiredTool.Chromium.Missing("/nowhere/chromium does not exist", strict: true));

        failed!.Message.Should().Contain("Chromium is missing").And.Contain("sudo apt-get install -y chromium").And.Contain("CI=true");
    }

    [Test]
    public void RequireFile_ExistingFile_ReturnsItWithoutSkipping()
    {
        var file = typeof(RequiredToolTests).Assembly.Location;

        RequiredTool.Chromium.RequireFile(file).Should().Be(file);
    }
}
