using System.Net;

namespace Harness.MockServer.Hosting;

/// <summary>
/// The Host headers the mock answers: a loopback name (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>), the bound
/// address, or the address the connection came in on, each with the mock's own port; and the names the user gave
/// (<c>--host-name</c>: <c>NAME</c> with any port, <c>NAME:PORT</c> with that one). A DNS-rebinding page reaches the
/// mock under the attacker's name, which is none of these.
/// </summary>
internal sealed class HostAllowList
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    private readonly string[] _ownNames;
    private readonly string[] _anyPortNames;
    private readonly string[] _namesWithPort;

    public HostAllowList(MockServerOptions options)
    {
        var bound = IPAddress.TryParse(options.Host, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            ? [Literal(address)]
            : Array.Empty<string>();
        _ownNames = [.. LoopbackNames.Concat(bound).Distinct(StringComparer.OrdinalIgnoreCase)];
        _anyPortNames = [.. options.HostNames.Where(n => Split(n, out _) is null)];
        _namesWithPort = [.. options.HostNames.Where(n => Split(n, out _) is not null)];
    }

    /// <summary>What to tell the user who sees the refusal: the names that work.</summary>
    public string Describe(int port) =>
        string.Join(", ", _ownNames.Select(n => $"{n}:{port}").Concat(_anyPortNames).Concat(_namesWithPort));

    /// <summary>Whether a request with this Host header, arriving on this local endpoint, is answered (compared as spans: it runs on every request).</summary>
    public bool Allows(string? host, int localPort, IPAddress? localAddress)
    {
        if (string.IsNullOrEmpty(host)) return false;
        var port = Split(host, out var name);
        if (name.IsEmpty) return false;
        var effectivePort = port ?? 80;
        if (effectivePort == localPort)
            foreach (var own in _ownNames)
                if (name.Equals(own, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var given in _anyPortNames)
            if (name.Equals(given, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var given in _namesWithPort)
            if (host.Equals(given, StringComparison.OrdinalIgnoreCase)) return true;
        // Bound to every address (a container): the address the client connected to is as good as the bound one.
        return effectivePort == localPort && localAddress is not null
            && name.Equals(Literal(localAddress.IsIPv4MappedToIPv6 ? localAddress.MapToIPv4() : localAddress), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A name for <c>--host-name</c>: a DNS name or IP literal, optionally with a port.</summary>
    public static bool IsValidName(string text)
    {
        var port = Split(text, out var name);
        if (port is < 1 or > 65535) return false;
        var bare = name.StartsWith("[") && name.EndsWith("]") ? name[1..^1] : name;
        return Uri.CheckHostName(bare.ToString()) != UriHostNameType.Unknown;
    }

    /// <summary>The port of <c>name</c>, <c>name:port</c>, <c>[v6]</c> or <c>[v6]:port</c> (none: null; not a number: -1), and the name.</summary>
    private static int? Split(string host, out ReadOnlySpan<char> name)
    {
        name = host;
        var colon = host.LastIndexOf(':');
        if (colon < 0 || host.IndexOf(']', colon) >= 0) return null;
        if (host.StartsWith('[') ? host[colon - 1] != ']' : host.IndexOf(':') != colon) return -1; // a bare IPv6 literal is no Host
        name = host.AsSpan(0, colon);
        var portText = host.AsSpan(colon + 1);
        return portText.Length is > 0 and < 6 && int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : -1;
    }

    private static string Literal(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
