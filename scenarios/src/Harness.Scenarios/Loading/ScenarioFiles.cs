namespace Harness.Scenarios.Loading;

/// <summary>
/// The files of a scenario folder, wherever they are: on disk (<see cref="OnDisk"/>), or in memory
/// (<see cref="InMemory"/>: the copy a published program carries as resources). The loader reads only through this,
/// so both are read, checked and reported alike; problems name a file as <see cref="Display"/> says it.
/// </summary>
public abstract class ScenarioFiles
{
    /// <summary>The folder's full path; for files in memory, a path that stands for them.</summary>
    public abstract string Root { get; }

    public abstract bool FolderExists(string path);

    public abstract bool FileExists(string path);

    /// <summary>The folders directly in <paramref name="path"/>, as full paths.</summary>
    public abstract IEnumerable<string> Folders(string path);

    public abstract TextReader Open(string path);

    /// <summary>How a problem names the file: relative to the working directory on disk, the resource name in memory.</summary>
    public abstract string Display(string path);

    public static ScenarioFiles OnDisk(string folder) => new DiskFiles(Path.GetFullPath(folder));

    /// <param name="name">What the files are called together (<c>embedded</c>); their root stands under it.</param>
    /// <param name="files">Each file's text by its path relative to the folder, with <c>/</c> between names (<c>keycloak-refresh/contract.yaml</c>).</param>
    /// <param name="display">How a problem names a file, from its relative path (the resource name, say).</param>
    public static ScenarioFiles InMemory(string name, IReadOnlyDictionary<string, string> files, Func<string, string> display) =>
        new MemoryFiles(name, files, display);

    private sealed class DiskFiles(string root) : ScenarioFiles
    {
        public override string Root => root;

        public override bool FolderExists(string path) => Directory.Exists(path);

        public override bool FileExists(string path) => File.Exists(path);

        public override IEnumerable<string> Folders(string path) => Directory.GetDirectories(path);

        public override TextReader Open(string path) => new StreamReader(path);

        /// <summary>Paths are printed relative to the working directory when inside it, as compilers do.</summary>
        public override string Display(string path)
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
        }
    }

    private sealed class MemoryFiles : ScenarioFiles
    {
        private readonly Dictionary<string, string> _files;
        private readonly HashSet<string> _folders;
        private readonly Func<string, string> _display;

        public MemoryFiles(string name, IReadOnlyDictionary<string, string> files, Func<string, string> display)
        {
            // Rooted, so that paths built from it (a schema beside a contract) come out the same from Path.GetFullPath.
            Root = Path.GetFullPath(Path.Combine(Path.DirectorySeparatorChar + "__" + name, "scenarios"));
            _display = display;
            _files = files.ToDictionary(f => Full(f.Key), f => f.Value, StringComparer.Ordinal);
            _folders = new HashSet<string>(StringComparer.Ordinal) { Root };
            foreach (var file in _files.Keys)
                for (var folder = Path.GetDirectoryName(file); folder is not null && folder.Length > Root.Length; folder = Path.GetDirectoryName(folder))
                    _folders.Add(folder);
        }

        public override string Root { get; }

        private string Full(string relative) => Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

        public override bool FolderExists(string path) => _folders.Contains(Path.GetFullPath(path));

        public override bool FileExists(string path) => _files.ContainsKey(Path.GetFullPath(path));

        public override IEnumerable<string> Folders(string path)
        {
            var parent = Path.GetFullPath(path);
            return _folders.Where(f => Path.GetDirectoryName(f) == parent);
        }

        public override TextReader Open(string path) =>
            _files.TryGetValue(Path.GetFullPath(path), out var text) ? new StringReader(text) : throw new FileNotFoundException("no such file among the " + Display(path), path);

        public override string Display(string path) => _display(Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'));
    }
}
