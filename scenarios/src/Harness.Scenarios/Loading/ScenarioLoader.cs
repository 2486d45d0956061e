using Harness.Scenarios.Model;

namespace Harness.Scenarios.Loading;

/// <summary>
/// The one reader of scenario folders, used by the mock, the suite and <c>lint</c>. A folder holds
/// <c>catalog.yaml</c> and one sub-folder per API with <c>contract.yaml</c> and <c>scenarios.yaml</c>.
/// Every problem in every file is collected before anything is reported.
/// </summary>
public static class ScenarioLoader
{
    public const string CatalogFile = "catalog.yaml";
    public const string ContractFile = "contract.yaml";
    public const string ScenariosFile = "scenarios.yaml";

    /// <summary>Loads a folder or throws <see cref="ScenarioLoadException"/> with every problem found.</summary>
    public static ContractSet Load(string folder)
    {
        var (set, diagnostics) = TryLoad(folder);
        return diagnostics.Count == 0 ? set! : throw new ScenarioLoadException(diagnostics);
    }

    /// <summary>Loads a folder and returns every problem found; the set is null when the folder could not be read at all.</summary>
    public static (ContractSet? Set, IReadOnlyList<Diagnostic> Diagnostics) TryLoad(string folder)
    {
        if (!Directory.Exists(Path.GetFullPath(folder)))
            return (null, [new Diagnostic(folder, 0, 0, "no such folder")]);
        return TryLoad(ScenarioFiles.OnDisk(folder));
    }

    /// <summary>Loads a scenario folder's files from wherever they are (in memory: a program's own copy) or throws with every problem found.</summary>
    public static ContractSet Load(ScenarioFiles files)
    {
        var (set, diagnostics) = TryLoad(files);
        return diagnostics.Count == 0 ? set! : throw new ScenarioLoadException(diagnostics);
    }

    /// <summary>Loads a scenario folder's files from wherever they are, and returns every problem found.</summary>
    public static (ContractSet? Set, IReadOnlyList<Diagnostic> Diagnostics) TryLoad(ScenarioFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var diagnostics = new List<Diagnostic>();
        var root = files.Root;

        // A missing or unreadable file is reported once, where it is; the checks that need what it would have
        // said are skipped (see ReadGaps) rather than each reporting the gap again.
        var gaps = new ReadGaps();
        var catalogPath = Path.Combine(root, CatalogFile);
        Catalog? catalog = null;
        if (!files.FileExists(catalogPath)) diagnostics.Add(new Diagnostic(files.Display(catalogPath), 0, 0, "missing: every scenario folder needs a catalog.yaml"));
        else if (ReadContext.Open(files, catalogPath, diagnostics) is { } catalogMap) catalog = CatalogReader.Read(catalogMap);
        gaps.CatalogUnreadable = catalog is null;

        var provenance = new ProvenanceReader(catalog);
        var apis = new List<ApiContract>();
        var scenarios = new List<Scenario>();
        var apiFolders = 0;
        foreach (var apiFolder in files.Folders(root).Order(StringComparer.Ordinal))
        {
            var contractPath = Path.Combine(apiFolder, ContractFile);
            var scenariosPath = Path.Combine(apiFolder, ScenariosFile);
            if (!files.FileExists(contractPath))
            {
                if (files.FileExists(scenariosPath)) diagnostics.Add(new Diagnostic(files.Display(scenariosPath), 0, 0, $"no {ContractFile} beside it"));
                continue; // a folder with neither is not an API folder (schemas/, src/ ...)
            }
            apiFolders++;
            ApiContract? contract = null;
            if (ReadContext.Open(files, contractPath, diagnostics) is { } contractMap)
                contract = new ContractReader(provenance, gaps).Read(contractMap, apiFolder);
            if (contract is null) gaps.ContractUnreadable = true;
            else apis.Add(contract);

            if (!files.FileExists(scenariosPath)) continue;
            // The scenarios are read for their own problems even when the contract could not be, but only
            // checked against a contract that was read.
            var before = diagnostics.Count;
            var read = ReadContext.Open(files, scenariosPath, diagnostics) is { } scenarioMap
                ? new ScenarioReader(provenance, diagnostics, gaps).Read(scenarioMap, apiFolder)
                : [];
            if (contract is null) continue;
            scenarios.AddRange(read);
            if (diagnostics.Count > before)
            {
                gaps.ApisWithUnreadableScenarios.Add(contract.Id);
                foreach (var api in read.Select(s => s.ApiId).Distinct()) gaps.ApisWithUnreadableScenarios.Add(api);
            }
        }
        if (apiFolders == 0) diagnostics.Add(new Diagnostic(files.Display(root), 0, 0, $"no API folder (a sub-folder with {ContractFile}) found"));

        var set = new ContractSet(root, catalog ?? EmptyCatalog(), apis, scenarios);
        new CrossReferenceValidator(set, diagnostics, gaps, files.FileExists).Validate();
        return (set, diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList());
    }

    private static Catalog EmptyCatalog() =>
        new(new Dictionary<string, SeedPage>(), new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());
}
