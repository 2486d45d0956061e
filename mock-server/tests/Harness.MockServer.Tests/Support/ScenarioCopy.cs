namespace Harness.MockServer.Tests.Support;

/// <summary>A scratch copy of the repository's scenario files (not the loader's sources or tests), to edit under a running mock.</summary>
public sealed class ScenarioCopy : IDisposable
{
    private ScenarioCopy(string folder) => Folder = folder;

    public string Folder { get; }

    public static ScenarioCopy Create()
    {
        var source = Contracts.Set.Folder;
        var folder = Path.Combine(Directory.CreateTempSubdirectory("scenario-copy-").FullName, "scenarios");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("src" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("tests" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            var target = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return new ScenarioCopy(folder);
    }

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    /// <summary>Replaces the first occurrence of <paramref name="old"/> in a file (it must be there), as an editor's save would.</summary>
    public void Edit(string relative, string old, string replacement)
    {
        var path = PathOf(relative);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{old}' is not in {relative}");
        File.WriteAllText(path, text[..at] + replacement + text[(at + old.Length)..]);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
}
