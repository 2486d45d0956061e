using Harness.MockServer.WireMock;

namespace Harness.MockServer.Tests.WireMock;

/// <summary>Which server serves the exported mappings in a column of the differential.</summary>
public enum StubServerKind
{
    /// <summary>The WireMock 3.13 standalone jar, started with <c>--root-dir</c> on the export.</summary>
    WireMockJar,

    /// <summary>A plain in-process WireMock.Net 1.25.0 server, the export's files registered on it.</summary>
    WireMockNet,
}

/// <summary>A server that serves export-wiremock's folder: one column the differential compares with the mock.</summary>
internal interface IStubServer : IAsyncDisposable
{
    /// <summary>What the column is called in failure messages.</summary>
    string Label { get; }

    Uri BaseAddress { get; }

    /// <summary>How many mappings the server holds after loading the export.</summary>
    Task<int> LoadedMappingsAsync();

    /// <summary>Sends the request and says which mapping answered it (null: none matched).</summary>
    Task<(HttpResponseMessage Response, string? AnsweredBy)> SendAsync(HttpClient http, ExampleRequest request);
}
