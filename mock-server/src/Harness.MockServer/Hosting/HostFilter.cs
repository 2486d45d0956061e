namespace Harness.MockServer.Hosting;

/// <summary>
/// Refuses, on every path, a request whose Host header is not one of the mock's own names (<see cref="HostAllowList"/>):
/// a page on <c>attacker.example</c> whose DNS name is re-pointed at 127.0.0.1 (DNS rebinding) is same-origin with
/// itself, so CORS alone cannot stop it; its Host header can. 421 Misdirected Request: this server is not that host.
/// </summary>
internal sealed class HostFilter(MockServerOptions options)
{
    private readonly HostAllowList _hosts = new(options);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        string? host = context.Request.Headers.Host;
        if (_hosts.Allows(host, context.Connection.LocalPort, context.Connection.LocalIpAddress)) return next(context);
        var name = JsonRefusal.Quote(host);
        return JsonRefusal.WriteAsync(context, 421, "unknown_host",
            $"this mock answers requests addressed to {_hosts.Describe(context.Connection.LocalPort)}, not to {name} (a page under another name must not reach it: DNS rebinding). "
            + $"If {name} is how you reach the mock, start it with --host-name {name}");
    }
}
