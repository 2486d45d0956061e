namespace Harness.Conformance.Tests.Profiles;

/// <summary>A throw-away profile file and the environment variables a test sets for it, removed on dispose.</summary>
internal sealed class ProfileFile : IDisposable
{
    private readonly List<string> _variables = [];

    public ProfileFile(string yaml)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "harness-profile-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "profile.yaml");
        File.WriteAllText(Path, yaml);
    }

    public string Path { get; }

    /// <summary>A variable name no other test uses, so tests may run side by side.</summary>
    public static string UniqueVariable(string stem) => $"HARNESS_TEST_{stem}_{Guid.NewGuid():N}".ToUpperInvariant();

    public ProfileFile Set(string variable, string value)
    {
        Environment.SetEnvironmentVariable(variable, value);
        _variables.Add(variable);
        return this;
    }

    public void Dispose()
    {
        foreach (var variable in _variables) Environment.SetEnvironmentVariable(variable, null);
        Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
