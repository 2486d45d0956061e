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
        var diagnostics = new List<Diagnostic>();
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
            return (null, [new Diagnostic(folder, 0, 0, "no such folder")]);

        var catalogPath = Path.Combine(root, CatalogFile);
        Catalog? catalog = null;
        if (!File.Exists(catalogPath)) diagnostics.Add(new Diagnostic(Display(catalogPath), 0, 0, "missing: every scenario folder needs a catalog.yaml"));
        else if (ReadContext.Open(catalogPath, Display(catalogPath), diagnostics) is { } catalogMap) catalog = CatalogReader.Read(catalogMap);
        catalog ??= new Catalog(new Dictionary<string, SeedPage>(), new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());

        var provenance = new ProvenanceReader(catalog);
        var apis = new List<ApiContract>();
        var scenarios = new List<Scenario>();
        foreach (var apiFolder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var contractPath = Path.Combine(apiFolder, ContractFile);
            var scenariosPath = Path.Combine(apiFolder, ScenariosFile);
            if (!File.Exists(contractPath))
            {
                if (File.Exists(scenariosPath)) diagnostics.Add(new Diagnostic(Display(scenariosPath), 0, 0, $"no {ContractFile} beside it"));
                continue; // a folder with neither is not an API folder (schemas/, src/ ...)
            }
            if (ReadContext.Open(contractPath, Display(contractPath), diagnostics) is { } contractMap
                && new ContractReader(provenance).Read(contractMap, apiFolder) is { } contract)
            {
                apis.Add(contract);
            }
            if (File.Exists(scenariosPath) && ReadContext.Open(scenariosPath, Display(scenariosPath), diagnostics) is { } scenarioMap)
                scenarios.AddRange(new ScenarioReader(provenance, diagnostics).Read(scenarioMap, apiFolder));
        }
        if (apis.Count == 0) diagnostics.Add(new Diagnostic(Display(root), 0, 0, $"no API folder (a sub-folder with {ContractFile}) found"));

        var set = new ContractSet(root, catalog, apis, scenarios);
        new CrossReferenceValidator(set, diagnostics).Validate();
        return (set, diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList());
    }

    /// <summary>Paths are printed relative to the working directory when inside it, as compilers do.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
