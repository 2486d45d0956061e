using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Server;

namespace Harness.MockServer.WireMock.UserMappings;

/// <summary>
/// Users' own WireMock mapping files (<c>--mappings DIR</c>), kept loaded into a <see cref="WireMockServer"/>: read at
/// start, and read again, added or removed whenever a file changes. Each file is read by WireMock.Net itself
/// (<see cref="WireMockServer.ReadStaticMappingAndAddOrUpdate"/>, or its importer of the WireMock jar's format); this
/// class adds what its <c>ReadStaticMappings</c>/<c>WatchStaticMappings</c> lack: a malformed file is reported with its
/// name and the reason instead of only to the server's logger (and, on change, instead of escaping the watcher's
/// thread), a file is loaded whole or not at all, and a changed file replaces its old mappings rather than adding beside them.
/// </summary>
public sealed class UserMappingFolder : IDisposable
{
    /// <summary>How long a file must stay quiet before it is read: an editor saves in several writes.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);

    private readonly WireMockServer _server;
    private readonly Action<string> _note;
    private readonly Action<MappingFileProblem> _problem;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, MappingFileProblem> _problems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ITimer> _pending = new(StringComparer.Ordinal);
    private readonly string _shownFrom;
    private FileSystemWatcher? _watcher;

    private UserMappingFolder(WireMockServer server, string folder, string shownFrom, Action<string> note, Action<MappingFileProblem> problem)
    {
        _server = server;
        Folder = folder;
        _shownFrom = shownFrom;
        _note = note;
        _problem = problem;
    }

    /// <summary>The folder the mapping files are read from: DIR, or DIR/mappings when DIR has one (the jar's --root-dir layout).</summary>
    public string Folder { get; }

    /// <summary>The files that could not be loaded, as they stand now (a fixed file leaves the list).</summary>
    public IReadOnlyList<MappingFileProblem> Problems => [.. _problems.Values.OrderBy(p => p.File, StringComparer.Ordinal)];

    /// <summary>Each loaded file (as shown in reports) with the mappings it holds.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IMapping>> Files =>
        _server.Mappings.Where(m => m.Path is { } path && IsOurs(path))
            .GroupBy(m => Shown(m.Path!), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IMapping>)[.. g], StringComparer.Ordinal);

    /// <summary>The file a mapping was loaded from (as shown in reports), or null when it is not one of this folder's.</summary>
    public string? FileOf(IMapping mapping) => mapping.Path is { } path && IsOurs(path) ? Shown(path) : null;

    /// <summary>
    /// Loads every <c>*.json</c> file of <paramref name="folder"/> (or its <c>mappings/</c> subfolder) and watches it.
    /// <paramref name="note"/> hears what was loaded; <paramref name="problem"/> each file that could not be.
    /// </summary>
    public static UserMappingFolder Attach(WireMockServer server, string folder, Action<string> note, Action<MappingFileProblem> problem)
    {
        var given = Path.GetFullPath(folder);
        if (!Directory.Exists(given)) throw new DirectoryNotFoundException($"mappings folder '{folder}' does not exist");
        var nested = Path.Combine(given, "mappings");
        var mappings = new UserMappingFolder(server, Directory.Exists(nested) ? nested : given, given, note, problem);
        foreach (var file in Directory.EnumerateFiles(mappings.Folder, "*.json").Order(StringComparer.Ordinal)) mappings.Sync(file);
        mappings.Watch();
        return mappings;
    }

    private void Watch()
    {
        _watcher = new FileSystemWatcher(Folder, "*.json")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Created += (_, e) => SyncSoon(e.FullPath);
        _watcher.Changed += (_, e) => SyncSoon(e.FullPath);
        _watcher.Deleted += (_, e) => SyncSoon(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            SyncSoon(e.OldFullPath);
            SyncSoon(e.FullPath);
        };
        // Events were lost (the watcher's buffer overflowed): look at every file again.
        _watcher.Error += (_, _) => SyncAll();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Every event on a file, whatever its kind, means "make the server hold what the file holds now", once the file settles.</summary>
    private void SyncSoon(string file)
    {
        if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return;
        var timer = TimeProvider.System.CreateTimer(_ => Settled(file), null, Settle, Timeout.InfiniteTimeSpan);
        _pending.AddOrUpdate(file, timer, (_, earlier) =>
        {
            earlier.Dispose(); // the file changed again before it settled: start waiting again
            return timer;
        });
    }

    private void Settled(string file)
    {
        _pending.TryRemove(file, out _);
        Sync(file);
    }

    private void SyncAll()
    {
        var present = Directory.EnumerateFiles(Folder, "*.json").ToHashSet(StringComparer.Ordinal);
        var loaded = _server.Mappings.Select(m => m.Path).OfType<string>().Where(IsOurs);
        foreach (var file in present.Union(loaded).Order(StringComparer.Ordinal)) Sync(file);
    }

    /// <summary>Makes the server hold what the file holds now: its mappings, or none when it is gone or broken.</summary>
    private void Sync(string file)
    {
        lock (_gate)
        {
            var removed = Unload(file);
            if (!File.Exists(file))
            {
                _problems.TryRemove(Shown(file), out _);
                if (removed > 0) _note($"{Shown(file)} removed: {removed} mapping(s) unloaded");
                return;
            }
            (int Line, int Column)? breaksAt = null;
            try
            {
                Load(file, out breaksAt);
                _problems.TryRemove(Shown(file), out _);
                _note($"{Shown(file)}: {_server.Mappings.Count(m => m.Path == file)} mapping(s) loaded");
            }
            // WireMock.Net's readers throw whatever their JSON and matcher code throws (JsonReaderException,
            // ArgumentException, FormatException, …); every one of them means "this file is not a mapping we can serve".
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Unload(file); // a file is loaded whole or not at all
                var problem = new MappingFileProblem(Shown(file), Reason(e), breaksAt?.Line, breaksAt?.Column);
                _problems[problem.File] = problem;
                _problem(problem);
            }
        }
    }

    private void Load(string file, out (int Line, int Column)? breaksAt)
    {
        var format = MappingFileFormat.Read(File.ReadAllText(file), out breaksAt);
        if (format is { Mappings.Count: 0 }) throw new FormatException("the file holds no mapping object (expected a mapping, or an array of mappings)");
        if (format is { IsJar: true })
        {
            if (!format.RewriteUrlsAsPaths())
            {
                _server.ReadStaticWireMockOrgMappingAndAddOrUpdate(file);
                KeepJarIdsAndPriorities(file, file, format, always: false);
                return;
            }
            // The rewritten text is imported from a scratch copy, then every mapping is registered again under the user's file.
            var copy = Path.Combine(Directory.CreateTempSubdirectory("user-mapping-").FullName, Path.GetFileName(file));
            try
            {
                File.WriteAllText(copy, format.Root.ToJsonString());
                _server.ReadStaticWireMockOrgMappingAndAddOrUpdate(copy);
                KeepJarIdsAndPriorities(copy, file, format, always: true);
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
            }
        }
        else if (!_server.ReadStaticMappingAndAddOrUpdate(file))
        {
            throw new IOException("the file could not be read (locked by another program?)");
        }
    }

    /// <summary>
    /// WireMock.Net's importer of the jar's format drops a mapping's <c>priority</c> and its <c>id</c>: the priority decides
    /// whether a stub overrides the contract, and the id is how a user finds it in <c>/__admin/mappings</c>, so both are put back
    /// by registering the imported request matcher and response again with them.
    /// </summary>
    /// <param name="importedFrom">The file WireMock.Net read (the user's, or a scratch copy of it).</param>
    /// <param name="file">The user's file, which the mappings are registered under.</param>
    /// <param name="always">Register every mapping again (they were read from a copy), not only those with an id or priority.</param>
    private void KeepJarIdsAndPriorities(string importedFrom, string file, MappingFileFormat format, bool always)
    {
        var imported = _server.Mappings.Where(m => m.Path == importedFrom).ToList();
        foreach (var json in format.Mappings)
        {
            var mapping = imported.Count == 1 && format.Mappings.Count == 1
                ? imported[0]
                : imported.FirstOrDefault(m => m.Title is not null && m.Title == (string?)json["name"]);
            if (mapping is null) continue;
            int? priority = json["priority"] is JsonValue p ? p.GetValue<int>() : null;
            Guid? id = Guid.TryParse((string?)json["id"] ?? (string?)json["uuid"], out var parsed) ? parsed : null;
            if (priority is null && id is null && !always) continue;
            if (id is { } guid && guid != mapping.Guid) _server.DeleteMapping(mapping.Guid);
            Register(mapping, id ?? mapping.Guid, priority ?? mapping.Priority, file);
        }
        // Read from a copy: whatever the loop could not tell apart (unnamed mappings of one file) moves to the user's file as it is.
        if (importedFrom != file)
            foreach (var left in _server.Mappings.Where(m => m.Path == importedFrom).ToList())
                Register(left, left.Guid, left.Priority, file);
    }

    /// <summary>A mapping registered again (the same id replaces it) under <paramref name="file"/>, with this id and priority.</summary>
    private void Register(global::WireMock.IMapping mapping, Guid id, int priority, string file)
    {
        var again = _server.Given(mapping.RequestMatcher).WithGuid(id).WithPath(file).AtPriority(priority);
        if (mapping.Title is { } title) again = again.WithTitle(title);
        again.RespondWith(mapping.Provider);
    }

    private int Unload(string file)
    {
        var removed = 0;
        foreach (var mapping in _server.Mappings.Where(m => m.Path == file).ToList())
            if (_server.DeleteMapping(mapping.Guid)) removed++;
        return removed;
    }

    private static string Reason(Exception e) => e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
        ? $"{e.Message.TrimEnd('.')}: {inner.Message}"
        : e.Message;

    private bool IsOurs(string path) => string.Equals(Path.GetDirectoryName(path), Folder, StringComparison.Ordinal);

    private string Shown(string file) => Path.GetRelativePath(_shownFrom, file);

    public void Dispose()
    {
        _watcher?.Dispose();
        foreach (var timer in _pending.Values) timer.Dispose();
        _pending.Clear();
    }
}
