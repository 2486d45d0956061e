namespace Harness.MockServer.Cli;

/// <summary>
/// The process exit codes of every command, distinct so that a pipeline can tell a broken contract from a broken
/// pipeline (documented in docs/ci/README.md; <see cref="Harness.Reports.ReportCommands"/> uses the same numbers).
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and found nothing wrong.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found the contract broken: lint problems, a regression in <c>report compare</c>.</summary>
    public const int ContractFailure = 1;

    /// <summary>The command could not run as asked: an unknown option, a bad value, a missing file or folder, an unwritable output.</summary>
    public const int UsageError = 2;

    /// <summary>The target named by the command (a profile's base URL) could not be reached, so nothing was checked.</summary>
    public const int TargetUnreachable = 3;
}
