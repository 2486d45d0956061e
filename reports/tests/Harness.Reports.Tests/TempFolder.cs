namespace Harness.Reports.Tests;

/// <summary>A scratch folder under the test work directory, removed when the test is done.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(TestContext.CurrentContext.WorkDirectory, "tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort: a leftover scratch folder is harmless */ }
    }
}
