namespace Harness.MockServer.Load;

/// <summary>
/// One connection's HTTP client: at most one connection to the mock, and every answer counted in the tally
/// exactly as the journal counts it, so the two can be compared status by status.
/// </summary>
internal sealed class CountingClient : IDisposable
{
    private readonly int _connection;
    private readonly Tally _tally;
    private readonly HttpClient _http;

    public CountingClient(int connection, Uri baseAddress, Tally tally)
    {
        _connection = connection;
        _tally = tally;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseCookies = false,
            AllowAutoRedirect = false,
            // An injected drop breaks the connection; otherwise it lives for the whole run, as a client's would.
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        using (request)
        {
            try
            {
                using var response = await _http.SendAsync(request, cancellation);
                var body = await response.Content.ReadAsStringAsync(cancellation);
                var status = (int)response.StatusCode;
                var injected = status == 503 && body.Contains("injected fault", StringComparison.Ordinal);
                _tally.Answered(status, injected);
                var answer = new Answer(status, body, injected, false);
                if (status >= 500 && !injected) _tally.Fail($"worker {_connection}: unexpected {status} for {request.Method} {request.RequestUri}: {answer.Excerpt}");
                return answer;
            }
            // A timeout counts as a broken connection too; the run being cancelled does not.
            catch (Exception e) when ((e is HttpRequestException or IOException or TaskCanceledException) && !cancellation.IsCancellationRequested)
            {
                _tally.Answered(0, false);
                return new Answer(0, e.GetType().Name + ": " + e.Message, false, true);
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
