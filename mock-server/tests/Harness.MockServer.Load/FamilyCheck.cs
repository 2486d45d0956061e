namespace Harness.MockServer.Load;

/// <summary>
/// After the run, whether a family the client still trusts is consistent: its newest token refreshes exactly
/// once, the token it replaced is then refused as reused (which revokes the family), and so is its successor.
/// A family with two live successors, or one that lost its newest token, fails here.
/// </summary>
internal static class FamilyCheck
{
    public static async Task RunAsync(TokenFamily family, CountingClient client, Tally tally, CancellationToken cancellation)
    {
        var api = family.Api;
        var first = await client.SendAsync(api.Refresh(family.Access, family.Refresh), cancellation);
        if (first.Status != 200 || api.Read(first.Body) is not var (access, refresh))
        {
            tally.Fail($"consistency: {api.Name} newest token answered {first.Status}: {first.Excerpt}");
            return;
        }
        tally.Refreshed();
        var reuse = await client.SendAsync(api.Refresh(family.Access, family.Refresh), cancellation);
        var after = await client.SendAsync(api.Refresh(access, refresh), cancellation);
        if (reuse.Status == api.RejectStatus && after.Status == api.RejectStatus) tally.Consistent();
        else tally.Fail($"consistency: {api.Name} replaced token answered {reuse.Status}, its successor then {after.Status} (both should be {api.RejectStatus})");
    }
}
