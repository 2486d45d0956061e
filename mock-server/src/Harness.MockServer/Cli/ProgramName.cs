namespace Harness.MockServer.Cli;

/// <summary>
/// The name the user typed to start the program, for usage lines and hints: <c>refresh-harness</c> for the .NET tool and
/// <c>dotnet run --project mock-server</c> (the same launcher), <c>Harness.MockServer.Kestrel</c> for the Native AOT binary. (System.CommandLine's own guess
/// drops everything after the last dot, which made the usage line read <c>Harness</c>.)
/// </summary>
internal static class ProgramName
{
    /// <summary>The command name of the .NET tool package (ToolCommandName in mock-server/refresh-harness.csproj).</summary>
    public const string ToolCommand = "refresh-harness";

    public static string Current { get; } = Resolve(Environment.ProcessPath, Environment.GetCommandLineArgs().FirstOrDefault());

    /// <summary>
    /// The apphost (a published binary, a tool shim) is the process itself; under the <c>dotnet</c> muxer
    /// (<c>dotnet x.dll</c>, <c>dotnet tool run</c>) the first argument is the assembly.
    /// </summary>
    internal static string Resolve(string? processPath, string? firstArgument)
    {
        var process = Path.GetFileName(processPath ?? "");
        if (process is { Length: > 0 } && !IsMuxer(process)) return WithoutExe(process);
        var assembly = Path.GetFileName(firstArgument ?? "");
        if (assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) assembly = assembly[..^4];
        return assembly is { Length: > 0 } ? WithoutExe(assembly) : ToolCommand;
    }

    private static bool IsMuxer(string fileName) => WithoutExe(fileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    private static string WithoutExe(string fileName) =>
        fileName.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : fileName;
}
