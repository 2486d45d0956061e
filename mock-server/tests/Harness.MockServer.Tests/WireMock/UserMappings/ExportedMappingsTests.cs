using Harness.MockServer.WireMock;

namespace Harness.MockServer.Tests.WireMock.UserMappings;

/// <summary>What export-wiremock writes is a --mappings folder: its root (with mappings/ inside) loads, every stub with its id and priority.</summary>
public sealed class ExportedMappingsTests
{
    [Test]
    public void ExportWireMockRoot_LoadsAsMappingsFolder_EveryStubWithItsIdAndPriority()
    {
        var root = Directory.CreateTempSubdirectory("exported-").FullName;
        try
        {
            var export = WireMockExporter.Export(Contracts.Set, root);
            using var mock = UserStubServer.Start(mappings: root);

            // Known: a content-type pattern quoted the Java way (\Q…\E) is no .NET regular expression, so WireMock.Net
            // refuses those files; each is reported, and every other file loads.
            mock.Stubs.Problems.Should().OnlyContain(p => p.Reason.Contains(@"\Q"));
            var refused = mock.Stubs.Problems.Select(p => Path.GetFileNameWithoutExtension(p.File)).ToHashSet();
            var loaded = mock.Server.Mappings.Where(m => mock.Stubs.Folder!.FileOf(m) is not null).ToDictionary(m => m.Guid);
            loaded.Should().HaveCount(export.Stubs.Count - refused.Count);
            foreach (var stub in export.Stubs.Where(s => !refused.Contains(s.FileStem)))
                loaded[Guid.Parse(stub.Mapping.Id)].Priority.Should().Be(stub.Mapping.Priority, stub.FileStem);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
