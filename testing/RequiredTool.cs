using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using NUnit.Framework;

namespace Harness.Testing;

/// <summary>
/// A component outside .NET that some tests cannot run without (Chromium, java, the WireMock jar, node and the npm
/// servers, clang). Where it is missing, a developer's run skips those tests and says how to install it; a CI run
/// (<c>CI=true</c>, or <c>HARNESS_STRICT_DEPS=1</c> locally) fails them, so a gate cannot turn green by skipping.
/// </summary>
/// <remarks>
/// One file, compiled into every test project (Directory.Build.props), so every fixture asks the same question the
/// same way. The install commands are those <c>.ci/setup</c> runs.
/// </remarks>
internal sealed record RequiredTool(string Name, string Install)
{
    public const string StrictVariable = "HARNESS_STRICT_DEPS";

    public static readonly RequiredTool Chromium = new("Chromium", "sudo apt-get install -y chromium fonts-dejavu-core");
    public static readonly RequiredTool Java = new("java", "sudo apt-get install -y default-jre-headless");
    public static readonly RequiredTool WireMockJar = new("the WireMock standalone jar", "(cd mock-server/tests/wiremock && npm ci)");
    public static readonly RequiredTool Node = new("node (Node.js 20+)", "install Node.js 20+ (https://nodejs.org/en/download, or sudo apt-get install -y nodejs npm on Debian 13)");
    public static readonly RequiredTool RealServers = new("the real OAuth servers' npm packages", "(cd conformance-tests/real-servers && npm ci)");
    public static readonly RequiredTool Clang = new("clang (Native AOT links with it)", "sudo apt-get install -y clang zlib1g-dev");
    public static readonly RequiredTool OpenApiTools = new("the OpenAPI tools (Redocly CLI, Prism)", "(cd mock-server/tests/openapi && npm ci)");

    /// <summary>Whether a missing component fails the test: in CI (<c>CI=true</c>) or when asked with <c>HARNESS_STRICT_DEPS=1</c>.</summary>
    public static bool Strict => IsOn(Environment.GetEnvironmentVariable("CI")) || IsOn(Environment.GetEnvironmentVariable(StrictVariable));

    /// <summary>The Chromium the browser tests drive: <c>HARNESS_CHROMIUM</c>, else the machine's <c>/usr/bin/chromium</c> (never a downloaded one).</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("HARNESS_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";

    /// <summary>Skips the calling test (or fixture) locally, fails it in CI; the message names what is missing and how to install it.</summary>
    [DoesNotReturn]
    public void Missing(string detail) => Missing(detail, Strict);

    [DoesNotReturn]
    internal void Missing(string detail, bool strict)
    {
        var how = $"install it with: {Install}   (or run: bash .ci/setup)";
        if (strict)
            Assert.Fail($"{Name} is missing: {detail}. {how}. This is a failure, not a skip, because CI=true or {StrictVariable}=1.");
        Assert.Ignore($"{Name} is missing: {detail}. {how}. (Skipped locally; with CI=true or {StrictVariable}=1 this fails.)");
        throw new UnreachableException();
    }

    /// <summary>The file, or <see cref="Missing"/> when it does not exist.</summary>
    public string RequireFile(string path)
    {
        if (!File.Exists(path)) Missing($"{path} does not exist");
        return path;
    }

    /// <summary>The full path of a command on PATH, or null.</summary>
    public static string? OnPath(string command)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? command + ".exe" : command);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>A command on PATH, or <see cref="Missing"/>.</summary>
    public string RequireOnPath(string command) => OnPath(command) ?? Missing<string>($"'{command}' is not on PATH");

    private T Missing<T>(string detail)
    {
        Missing(detail);
        return default!;
    }

    private static bool IsOn(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
