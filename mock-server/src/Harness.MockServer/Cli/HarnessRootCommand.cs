using System.CommandLine;
using System.CommandLine.Help;

namespace Harness.MockServer.Cli;

/// <summary>
/// The root command, named as the user typed the program (<see cref="ProgramName"/>) so usage lines and hints show a
/// command that works; otherwise what <see cref="RootCommand"/> gives: --help and --version.
/// </summary>
internal sealed class HarnessRootCommand : Command
{
    public HarnessRootCommand(string description) : base(ProgramName.Current, description)
    {
        Options.Add(new HelpOption());
        Options.Add(new VersionOption());
    }
}
