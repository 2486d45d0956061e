using Harness.Scenarios.Model;

namespace Harness.MockServer.OpenApi;

/// <summary>Writes every OpenAPI document of a contract set to <c>DIR/{name}.json</c>, the files the mock serves.</summary>
internal static class OpenApiExporter
{
    public static IReadOnlyList<string> Export(ContractSet contracts, string directory)
    {
        var documents = new OpenApiDocuments(contracts);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var name in documents.Names)
        {
            var path = Path.Combine(directory, name + ".json");
            File.WriteAllText(path, documents.Json(name));
            written.Add(path);
        }
        return written;
    }
}
