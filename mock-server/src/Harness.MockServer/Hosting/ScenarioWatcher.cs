namespace Harness.MockServer.Hosting;

/// <summary>
/// Tells when a scenario folder has changed and then stayed quiet for <see cref="Quiet"/>: an editor's save is
/// several events (a temporary file, a rename, a write), and a <c>git checkout</c> many, which make one reload.
/// Only what the loader reads counts (<c>.yaml</c>, <c>.yml</c>, <c>.json</c> and folders); the loader's own
/// sources and tests under the folder (<c>src/</c>, <c>tests/</c>, where builds write <c>bin/</c> and <c>obj/</c>) do not.
/// </summary>
internal sealed class ScenarioWatcher : IDisposable
{
    /// <summary>How long the folder must stay unchanged before it is read again.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    private static readonly string[] Ignored = ["src", "tests", "bin", "obj", ".git"];
    private readonly string _root;
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _settle;

    /// <param name="changed">Called once per quiet spell after changes, on a pool thread; never twice at once.</param>
    public ScenarioWatcher(string folder, Action changed)
    {
        _root = Path.GetFullPath(folder);
        var gate = new Lock();
        _settle = TimeProvider.System.CreateTimer(_ =>
        {
            lock (gate)
            {
                try
                {
                    changed();
                }
                catch (ObjectDisposedException)
                {
                    // The mock stopped while the folder was being read: there is nothing left to serve it.
                }
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnEvent;
        _watcher.Created += OnEvent;
        _watcher.Deleted += OnEvent;
        _watcher.Renamed += (sender, e) =>
        {
            if (Counts(e.OldFullPath) || Counts(e.FullPath)) Restart();
        };
        // Too many changes at once (the kernel's queue overflowed): some were lost, so read the folder again anyway.
        _watcher.Error += (_, _) => Restart();
        _watcher.EnableRaisingEvents = true;
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (Counts(e.FullPath)) Restart();
    }

    private void Restart() => _settle.Change(Quiet, Timeout.InfiniteTimeSpan);

    /// <summary>Whether a change at this path can change what the loader reads.</summary>
    private bool Counts(string path)
    {
        var relative = Path.GetRelativePath(_root, path);
        if (relative.StartsWith("..", StringComparison.Ordinal)) return false;
        var segments = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (segments.Any(s => Ignored.Contains(s, StringComparer.Ordinal))) return false;
        var extension = Path.GetExtension(path);
        return extension.Length == 0
            || extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _settle.Dispose();
    }
}
