using Harness.Scenarios.Loading;

namespace Harness.MockServer.Hosting;

/// <summary>A changed scenario folder with problems: nothing was swapped.</summary>
/// <param name="problems">Every problem, <c>file:line:column</c>, as <c>lint</c> reports them.</param>
/// <param name="servingVersion">The version that keeps serving: the last valid one.</param>
public sealed class ContractsRefusedEventArgs(IReadOnlyList<Diagnostic> problems, int servingVersion) : EventArgs
{
    public IReadOnlyList<Diagnostic> Problems { get; } = problems;
    public int ServingVersion { get; } = servingVersion;
}
