using System.Diagnostics;
using System.Text.RegularExpressions;
using Harness.MockServer.Tests.Published;

namespace Harness.MockServer.Tests;

/// <summary>
/// The README's first recipes are run exactly as printed: the bash block is taken out of README.md and run
/// with bash, curl and jq against a mock on a free port (<c>M</c> points the block at it), so what the README
/// teaches is what the mock answers.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed partial class ReadmeRecipeTests
{
    [Test]
    public async Task FrontendRecipe_RunAsPrinted_SignsOnRefreshesForcesAndExpires()
    {
        foreach (var tool in new[] { "bash", "curl", "jq" })
            if (!OnPath(tool)) Assert.Ignore($"{tool} is not installed (.ci/setup installs it)");
        var block = RecipeBlock(File.ReadAllText(Path.Combine(PublishedMock.RepositoryRoot, "README.md")));
        await using var mock = await HarnessMock.StartAsync(Contracts.Set, new MockServerOptions { Port = 0 });

        var (exit, output) = await RunBashAsync(block, mock.BaseAddress.ToString().TrimEnd('/'));

        exit.Should().Be(0, "the recipe runs to its end:\n{0}", output);
        output.Should().Contain("HTTP/1.1 403", "the forced refresh answers 403:\n{0}", output)
            .And.Contain("X-Harness-Forced-Condition: wrong-tenant", "the forced answer says which condition it forced")
            .And.Contain("\"error\":\"token-expired\"", "moving the clock past the refresh lifetime expires the token (not 'token-invalid')");
        output.Should().NotContain("token-invalid");
        mock.Journal().Should().BeEmpty("the recipe ends with a reset");
    }

    /// <summary>The README's bash block that sets <c>M</c>, as printed.</summary>
    private static string RecipeBlock(string readme)
    {
        var block = BashBlocks().Matches(readme).Select(m => m.Groups["code"].Value).FirstOrDefault(code => code.Contains("M=${M:-", StringComparison.Ordinal));
        block.Should().NotBeNull("README.md has a bash block starting with M=${{M:-...}}");
        return block!;
    }

    private static async Task<(int Exit, string Output)> RunBashAsync(string script, string baseUrl)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-e", "-o", "pipefail", "-c", script }) info.ArgumentList.Add(arg);
        info.Environment["M"] = baseUrl;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the recipe did not finish within 60 s:\n" + await stdout + await stderr);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, command)));

    [GeneratedRegex("```bash\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlocks();
}
