using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Harness.Conformance.Reporting;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Profiles;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests;

/// <summary>
/// A stub target that answers every token request with a JWE access token, a JWS id token and a fresh opaque
/// refresh token (the shapes the suite meets on real servers) and refuses nothing, so most checks fail and quote
/// it (a "note" echoes the JWE under a name that is not secret, as debug fields do). No part of those tokens may reach a failure message, report.json, junit.xml or report.html — the suite
/// never registered them, so only their shape and the names they travel under can give them away.
/// </summary>
[NonParallelizable]
public sealed class TokenShapeRedactionTests
{
    private const string Jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.vgv4Ah3jn5130zf_PPQaaMllkGMPdPUjykQSnv0pVuK5ITBEp7H4VwWM1Gim0KpU5X7N7ixOAadZfAVuFVuU3P0jlYq7ujNxVsbLJSniCSZYdMtPQ9UJLvxrp-BPmmIo.DPVXhKXLssOuMUpS.tb7dnV5lCMfcNWOKMcWQyWWjggM9nupQigdcmrTtzTLGDkLEd54dEcziMQVlUvU-E6J57ebr-N2FPHt-sm7GpMFMYI4hltKYl3Tx6f7uhVoMmHLBktf4INId.DA8Sdim2pYqyIznEH6Eygg";
    private const string Jws = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MjAwMDAwMDAwMH0.j23s-yUwO75nBYH1XIRrWiQQlWj6SH5Ea8oxRLC__GpFu6luWykVSrlf9aMNMibMwz-nS7HjJcTAALBOk5-o_Q";

    [Test]
    public async Task Run_TargetSendingJweJwsAndOpaqueTokens_NoPartOfThemInMessagesOrReports()
    {
        await using var stub = await StubTarget.StartAsync();
        using var folder = new TempDirectory();
        var profilePath = Path.Combine(folder.Path, "stub.yaml");
        await File.WriteAllTextAsync(profilePath, $"""
            name: token-shape-stub
            base-url: {stub.BaseUrl}
            apis: [softwareag-refresh]
            paths:
              softwareag-refresh.refresh: /token
              softwareag-refresh.issue: /token
            capabilities: []
            values:
              client-id: stub-client
              second-client-id: stub-client-2
              restricted-client-id: stub-client-3
              username: alice
              scope: read write
              narrow-scope: read
              wider-scope: read write admin
            secrets:
              # any variable that is set will do: the stub checks no credential
              client-secret: PATH
              second-client-secret: PATH
              restricted-client-secret: PATH
              password: PATH
            bootstrap:
              kind: issue
            """);
        var contracts = Repository.Contracts;
        var redactor = new Redactor();
        RunReport report;
        await using (var targets = await ProfileTargetSource.StartAsync(TargetProfile.Load(profilePath, contracts), redactor))
            report = await ConformanceRun.RunAsync(contracts, targets, contracts.Scenarios.Where(s => s.ApiId == "softwareag-refresh"), redactor, parallelism: 2);

        report.Checks.Should().Contain(c => c.Verdict == Verdict.Fail, "a stub that refuses nothing fails the refusal checks");
        var texts = report.Checks.Where(c => c.Verdict == Verdict.Fail).Select(c => ("failure message", FailureMessage.Format(c, redactor))).ToList();
        foreach (var file in ReportSet.WriteAll(report, folder.Path, redactor))
            texts.Add((Path.GetFileName(file), await File.ReadAllTextAsync(file)));

        texts.Should().Contain(t => t.Item2.Contains("eyJhbG…[redacted:len=", StringComparison.Ordinal), "the tokens were there, masked");
        foreach (var (where, text) in texts)
            foreach (var token in stub.Issued.Append(Jwe).Append(Jws))
                foreach (var piece in Pieces(token))
                    text.Contains(piece, StringComparison.Ordinal).Should().BeFalse("{0} must not hold any part of the target's token {1}… ({2})", where, token[..8], piece);
    }

    private static IEnumerable<string> Pieces(string token)
    {
        var tail = token[(token.Length / 2)..];
        for (var i = 0; i + 12 <= tail.Length; i += 6) yield return tail.Substring(i, 12);
    }

    /// <summary>The token endpoint of a server that issues a JWE, a JWS and a new opaque refresh token to every request.</summary>
    private sealed class StubTarget : IAsyncDisposable
    {
        private readonly HttpListener _listener;
        private readonly Task _serving;
        private readonly List<string> _issued = [];
        private int _count;

        private StubTarget(HttpListener listener, Uri baseUrl)
        {
            _listener = listener;
            BaseUrl = baseUrl;
            _serving = Task.Run(ServeAsync);
        }

        public Uri BaseUrl { get; }

        /// <summary>Every opaque refresh token handed out.</summary>
        public IReadOnlyList<string> Issued
        {
            get
            {
                lock (_issued) return [.. _issued];
            }
        }

        public static Task<StubTarget> StartAsync()
        {
            for (var attempt = 0; ; attempt++)
            {
                var port = FreePort();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    return Task.FromResult(new StubTarget(listener, new Uri($"http://127.0.0.1:{port}/")));
                }
                catch (HttpListenerException) when (attempt < 3)
                {
                    listener.Close();
                }
            }
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                // Opaque, long and random-looking: made from a counter so a failing run repeats.
                var opaque = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"stub-{Interlocked.Increment(ref _count)}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                lock (_issued) _issued.Add(opaque);
                var body = Encoding.UTF8.GetBytes($$"""{"access_token":"{{Jwe}}","token_type":"Bearer","expires_in":300,"refresh_token":"{{opaque}}","id_token":"{{Jws}}","scope":"read write","note":"issued {{Jwe}} for {{Jws}}"}""");
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.Headers["Cache-Control"] = "no-store";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _serving;
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("harness-token-shapes-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
