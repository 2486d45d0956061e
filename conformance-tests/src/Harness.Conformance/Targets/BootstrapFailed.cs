using Harness.Scenarios.Redaction;

namespace Harness.Conformance.Targets;

/// <summary>
/// A <c>kind: command</c> bootstrap that did not give a token response: its exit code and what it printed, redacted
/// (a login script may echo a token or a password), so the author can see why without running it again by hand.
/// </summary>
public sealed class BootstrapFailed : InvalidOperationException
{
    private const int Shown = 600;

    public BootstrapFailed(Redactor redactor, string what, string command, int? exitCode, string stdout, string stderr)
        : base(Describe(redactor, what, command, stdout, stderr)) => ExitCode = exitCode;

    /// <summary>The command's exit code; null when it was killed.</summary>
    public int? ExitCode { get; }

    private static string Describe(Redactor redactor, string what, string command, string stdout, string stderr) =>
        $"the bootstrap command {what}: {redactor.Redact(command)}" +
        $"\n  stdout: {Shorten(redactor.Redact(stdout.Trim()))}" +
        $"\n  stderr: {Shorten(redactor.Redact(stderr.Trim()))}";

    private static string Shorten(string text) => text.Length == 0 ? "(empty)" : text.Length <= Shown ? text : text[..Shown] + $"… ({text.Length} characters)";
}
