using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Scenarios.Model;

namespace Harness.MockServer.WireMock;

/// <summary>What one export wrote.</summary>
internal sealed record WireMockExport(string RootDirectory, string MappingsDirectory, IReadOnlyList<ExportedStub> Stubs, int StaleFilesRemoved);

/// <summary>
/// Writes the stateless part of every contract as WireMock stub mappings: <c>ROOT/mappings/&lt;stub&gt;.json</c>,
/// one mapping per file, the layout WireMock standalone loads with <c>--root-dir ROOT</c>.
/// </summary>
internal static class WireMockExporter
{
    /// <summary>The metadata key every exported mapping carries; a re-export replaces only files that have it.</summary>
    public const string MetadataKey = "harness";

    /// <summary>Every stub of every operation, in contract order.</summary>
    public static IReadOnlyList<ExportedStub> Stubs(ContractSet contracts)
    {
        var converter = new ContractStubConverter(contracts);
        var stubs = contracts.Operations.SelectMany(converter.Convert).ToList();
        var clash = stubs.GroupBy(s => s.FileStem).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null) throw new InvalidOperationException($"two stubs would be written to {clash.Key}.json");
        return stubs;
    }

    public static WireMockExport Export(ContractSet contracts, string rootDirectory)
    {
        var stubs = Stubs(contracts);
        var root = Path.GetFullPath(rootDirectory);
        var mappings = Path.Combine(root, "mappings");
        Directory.CreateDirectory(mappings);
        var stale = RemovePreviousExport(mappings);
        foreach (var stub in stubs)
            File.WriteAllText(Path.Combine(mappings, stub.FileStem + ".json"), stub.Mapping.ToJson() + "\n");
        return new WireMockExport(root, mappings, stubs, stale);
    }

    /// <summary>Deletes mappings an earlier export wrote (they carry <see cref="MetadataKey"/>); any other file is left alone.</summary>
    private static int RemovePreviousExport(string mappings)
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(mappings, "*.json"))
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject { } mapping && mapping["metadata"]?[MetadataKey] is not null)
                {
                    File.Delete(file);
                    removed++;
                }
            }
            catch (JsonException)
            {
                // not ours: leave it
            }
        }
        return removed;
    }
}
