using System.Globalization;
using Harness.MockServer.Load.Apis;

namespace Harness.MockServer.Load;

/// <summary>
/// One connection of the run: it keeps a family per API and, until the deadline, refreshes it (with rotation),
/// tries reuse on throw-away families, sends malformed and forced requests, and now and then starts over.
/// </summary>
internal sealed class Connection : IDisposable
{
    // Retired families (replaced by a fresh sign-on) are still checked afterwards, a few per connection.
    private const int RetiredFamiliesTrusted = 4;

    private readonly RotatingApi[] _apis;
    private readonly Tally _tally;
    private readonly Random _random;
    private readonly Dictionary<RotatingApi, TokenFamily> _current = [];
    private readonly List<TokenFamily> _retired = [];

    public Connection(int id, Uri baseAddress, RotatingApi[] apis, Tally tally, Random random)
    {
        _apis = apis;
        _tally = tally;
        _random = random;
        Client = new CountingClient(id, baseAddress, tally);
    }

    /// <summary>Also serves the family checks after the run, spreading them over the connections.</summary>
    public CountingClient Client { get; }

    /// <summary>The families whose state the client knows for sure: the current ones first.</summary>
    public IEnumerable<TokenFamily> TrustedFamilies() => _current.Values.Concat(_retired.TakeLast(RetiredFamiliesTrusted));

    public async Task RunAsync(DateTime deadline, CancellationToken cancellation)
    {
        while (DateTime.UtcNow < deadline)
        {
            var api = _apis[_random.Next(_apis.Length)];
            if (!_current.TryGetValue(api, out var family))
            {
                if (await SignOnAsync(api, cancellation) is { } started) _current[api] = started;
                continue;
            }
            var roll = _random.Next(100);
            if (roll < 55) await RefreshAsync(family, cancellation);
            else if (roll < 63) await ReuseAsync(api, cancellation);
            else if (roll < 80) await MalformedAsync(family, cancellation);
            else if (roll < 90) await ForcedAsync(family, cancellation);
            else if (await SignOnAsync(api, cancellation) is { } replacement)
            {
                _retired.Add(family);
                _current[api] = replacement;
            }
        }
    }

    public void Dispose() => Client.Dispose();

    private async Task<TokenFamily?> SignOnAsync(RotatingApi api, CancellationToken cancellation)
    {
        var answer = await Client.SendAsync(api.Issue(), cancellation);
        if (answer.Faulted) return null;
        _tally.SignedOn();
        if (answer.Status != api.IssueStatus || api.Read(answer.Body) is not var (access, refresh))
        {
            _tally.Fail($"{api.Name} issue answered {answer.Status}: {answer.Excerpt}");
            return null;
        }
        return new TokenFamily(api, access, refresh);
    }

    private async Task RefreshAsync(TokenFamily family, CancellationToken cancellation)
    {
        var answer = await Client.SendAsync(family.Api.Refresh(family.Access, family.Refresh), cancellation);
        // An injected 5xx answers before the operation runs: the family is as it was. A dropped connection
        // may have rotated it first: the client no longer knows its newest token.
        if (answer.Injected) return;
        if (answer.Dropped)
        {
            _current.Remove(family.Api);
            _tally.AbandonedFamily();
            return;
        }
        if (answer.Status == 200 && family.Api.Read(answer.Body) is var (access, refresh))
        {
            _tally.Refreshed();
            family.Access = access;
            family.Refresh = refresh;
            return;
        }
        _tally.Fail($"{family.Api.Name} refresh of a live family answered {answer.Status}: {answer.Excerpt}");
        _current.Remove(family.Api);
    }

    /// <summary>A throw-away family: refresh once, present the rotated-away token (refused as reused), then the newest (refused as revoked).</summary>
    private async Task ReuseAsync(RotatingApi api, CancellationToken cancellation)
    {
        if (await SignOnAsync(api, cancellation) is not { } family) return;
        var first = family.Refresh;
        var rotated = await Client.SendAsync(api.Refresh(family.Access, first), cancellation);
        if (rotated.Faulted) return;
        if (rotated.Status != 200 || api.Read(rotated.Body) is not var (access, refresh))
        {
            _tally.Fail($"{api.Name} first refresh answered {rotated.Status}: {rotated.Excerpt}");
            return;
        }
        _tally.Refreshed();
        var reuse = await Client.SendAsync(api.Refresh(family.Access, first), cancellation);
        if (reuse.Faulted) return;
        _tally.Reused();
        if (reuse.Status != api.RejectStatus)
            _tally.Fail($"{api.Name} reuse answered {reuse.Status}, expected {api.RejectStatus}: {reuse.Excerpt}");
        var revoked = await Client.SendAsync(api.Refresh(access, refresh), cancellation);
        if (revoked.Faulted) return;
        if (revoked.Status != api.RejectStatus)
            _tally.Fail($"{api.Name} refresh after reuse answered {revoked.Status}, expected {api.RejectStatus} (family revoked): {revoked.Excerpt}");
    }

    private async Task MalformedAsync(TokenFamily family, CancellationToken cancellation)
    {
        var malformed = family.Api.Malformed(family.Access, family.Refresh);
        var (name, request) = malformed[_random.Next(malformed.Count)];
        var answer = await Client.SendAsync(request, cancellation);
        _tally.SentMalformed();
        if (!answer.Faulted && answer.Status is < 400 or > 499)
            _tally.Fail($"{family.Api.Name} malformed request '{name}' answered {answer.Status}: {answer.Excerpt}");
    }

    private async Task ForcedAsync(TokenFamily family, CancellationToken cancellation)
    {
        var status = family.Api.Forceable[_random.Next(family.Api.Forceable.Length)];
        var request = family.Api.Refresh(family.Access, family.Refresh);
        request.Headers.TryAddWithoutValidation("X-Harness-Force-Status", status.ToString(CultureInfo.InvariantCulture));
        var answer = await Client.SendAsync(request, cancellation);
        _tally.SentForced();
        if (!answer.Faulted && answer.Status != status)
            _tally.Fail($"{family.Api.Name} forced {status} answered {answer.Status}: {answer.Excerpt}");
    }
}
