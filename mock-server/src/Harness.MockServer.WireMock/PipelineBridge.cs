using System.Net;
using Harness.MockServer.Engine;
using Harness.MockServer.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace Harness.MockServer.WireMock;

/// <summary>
/// Answers a WireMock.Net request with the mock's own pipeline (<see cref="HarnessPipeline"/>), run in memory on a
/// TestServer: the request message becomes an HttpContext (method, path, query, headers, body, scheme, Host, the
/// connection's addresses), the pipeline answers it, and its status, headers and body become the response message.
/// </summary>
internal sealed class PipelineBridge : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer _server;
    private readonly Func<IRequestMessage, (IPAddress Address, int Port)> _localEndpoint;

    private PipelineBridge(WebApplication app, Func<IRequestMessage, (IPAddress, int)> localEndpoint)
    {
        _app = app;
        _server = app.GetTestServer();
        _localEndpoint = localEndpoint;
    }

    /// <summary>The contracts served now; their reloads swap the pipeline the bridge runs.</summary>
    public ServedContracts Served { get; private init; } = null!;

    /// <summary>Builds the pipeline over <paramref name="state"/> (reloading from <paramref name="loaded"/>'s folder, if any) and starts it in memory.</summary>
    public static PipelineBridge Start(LoadedContracts loaded, MockState state, MockEngine engine, Func<IRequestMessage, (IPAddress, int)> localEndpoint)
    {
        var builder = HarnessPipeline.CreateBuilder();
        builder.WebHost.UseTestServer(test => test.PreserveExecutionContext = false);
        var app = builder.Build();
        var served = ServedContracts.Create(app.Services, loaded, state, engine);
        HarnessPipeline.Configure(app, served);
        _ = Task.Run(engine.Prepare, CancellationToken.None);
        // An in-memory server: starting it opens no socket and completes at once.
        app.Start();
        return new PipelineBridge(app, localEndpoint) { Served = served };
    }

    /// <summary>The WireMock.Net callback of every harness mapping.</summary>
    public async Task<IResponseMessage> AnswerAsync(IRequestMessage message)
    {
        // The connection WireMock.Net's Kestrel accepted, when the server lets the harness see it (HttpContextAccessor):
        // a drop fault aborts it, and the engine's Date (the virtual clock's) replaces the one WireMock.Net sets.
        var connection = new HttpContextAccessor().HttpContext;
        var context = await _server.SendAsync(c => Describe(c, message, connection));
        var response = context.Response;
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await response.Body.CopyToAsync(buffer);
            body = buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The pipeline aborted the request (the drop-connection fault): so does the real connection.
            connection?.Abort();
            return new ResponseMessage { StatusCode = response.StatusCode, Headers = new Dictionary<string, WireMockList<string>>() };
        }

        var headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers) headers[name] = new WireMockList<string>(values.Where(v => v is not null).Select(v => v!));
        if (connection is not null && response.Headers.Date is { Count: > 0 } date)
        {
            var real = connection.Response;
            real.OnStarting(() =>
            {
                real.Headers.Date = date;
                return Task.CompletedTask;
            });
        }
        return new ResponseMessage
        {
            StatusCode = response.StatusCode,
            Headers = headers,
            BodyData = body.Length == 0 ? null : new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
            // The engine's empty-response fault, as WireMock.Net names it (the answer is the same: 200 with no body).
            FaultType = context.Items.ContainsKey(MockEngine.EmptyResponseItem) ? FaultType.EMPTY_RESPONSE : FaultType.NONE,
        };
    }

    private void Describe(HttpContext context, IRequestMessage message, HttpContext? connection)
    {
        var request = context.Request;
        var url = new Uri(message.Url);
        request.Method = message.Method;
        request.Scheme = url.Scheme;
        request.Path = PathString.FromUriComponent(url.AbsolutePath);
        request.QueryString = new QueryString(url.Query.Length > 0 ? url.Query : null);
        request.Headers.Clear();
        foreach (var (name, values) in message.Headers ?? new Dictionary<string, WireMockList<string>>())
            request.Headers[name] = values.ToArray();
        request.Host = new HostString(request.Headers.Host.ToString());
        var bytes = message.BodyData?.BodyAsBytes ?? [];
        // Kestrel refuses a body over the limit as it is read; WireMock.Net has read it already, so the limit is applied here.
        request.Body = bytes.Length > HarnessPipeline.MaxRequestBodyBytes ? new OversizeBody() : new MemoryStream(bytes, writable: false);
        if (bytes.Length > 0 || request.Headers.ContentLength is not null) request.ContentLength = bytes.Length;
        request.Headers.Remove("Content-Encoding");

        if (connection is not null)
        {
            context.Connection.RemoteIpAddress = connection.Connection.RemoteIpAddress;
            context.Connection.RemotePort = connection.Connection.RemotePort;
            context.Connection.LocalIpAddress = connection.Connection.LocalIpAddress;
            context.Connection.LocalPort = connection.Connection.LocalPort;
        }
        else
        {
            context.Connection.RemoteIpAddress = IPAddress.TryParse(message.ClientIP, out var client) ? client : IPAddress.Loopback;
            (context.Connection.LocalIpAddress, context.Connection.LocalPort) = _localEndpoint(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Served.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A body over <see cref="HarnessPipeline.MaxRequestBodyBytes"/>: reading it fails as Kestrel's does (413).</summary>
    private sealed class OversizeBody : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw TooLarge();
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw TooLarge();
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw TooLarge();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static BadHttpRequestException TooLarge() => new("Request body too large.", StatusCodes.Status413PayloadTooLarge);
    }
}
