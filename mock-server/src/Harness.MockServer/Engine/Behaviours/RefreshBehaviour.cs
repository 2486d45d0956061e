using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.MockServer.Requests;
using Harness.MockServer.Tokens;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine.Behaviours;

/// <summary>
/// Exchanges a refresh token for a new pair. Every check on the token family and the rotation itself
/// happen under the family's lock, so of many parallel refreshes with one token exactly one succeeds.
/// </summary>
internal sealed class RefreshBehaviour(MockState state) : IRoleBehaviour
{
    private readonly ApiIndex _apis = new(state.Contracts);

    /// <summary>How far off the jwt-exp-mismatch defect signs exp.</summary>
    public const int DefectiveExpShift = 600;

    public OperationRole Role => OperationRole.Refresh;

    public Answer Handle(Operation operation, IncomingRequest request)
    {
        var now = state.Clock.UnixSeconds;
        var facts = OperationFacts.Of(operation);
        var realm = _apis.ApiOf(operation).Realm;
        var presented = state.Tokens.Find(SlotReader.Read(operation, request, Slot.RefreshToken));
        if (presented is null || presented.Family.Realm != realm
            || (presented.Kind != TokenKind.Refresh && !state.Has(Defect.AcceptAccessTokenAsRefresh)))
            return Fail(operation, Condition.TokenInvalid);
        var family = presented.Family;

        IssuedToken? access = null;
        if (facts.FieldFor(Slot.AccessToken) is not null)
        {
            access = state.Tokens.Find(SlotReader.Read(operation, request, Slot.AccessToken));
            if (access is null || access.Kind != TokenKind.Access || access.Family.Realm != realm)
                return Fail(operation, Condition.AccessTokenInvalid);
            if (access.Family != family && !state.Has(Defect.IgnorePairBinding))
                return Fail(operation, Condition.PairMismatch);
        }

        var policy = state.Tokens.PolicyOf(realm);
        lock (family)
        {
            if (family.Revoked) return Fail(operation, Condition.TokenRevoked);
            if (presented.Generation < family.Generation && policy.Rotate && !state.Has(Defect.IgnoreReuse))
            {
                if (policy.Reuse == ReusePolicy.RevokeFamily && !state.Has(Defect.NoFamilyRevocation))
                    state.Tokens.Revoke(family, "a rotated refresh token was presented again");
                if (policy.Reuse != ReusePolicy.Allow) return Fail(operation, Condition.TokenReused);
            }
            var expired = now >= presented.ExpiresAt && !state.Has(Defect.AcceptExpiredRefreshToken);
            var capped = family.FixedExpiresAt is { } cap && now >= cap && !state.Has(Defect.IgnoreSessionCap) && !state.Has(Defect.AcceptExpiredRefreshToken);
            if (expired || capped) return Fail(operation, Condition.TokenExpired);
            // "Existing valid access token": one past its validity, or replaced by an earlier refresh, is not
            // (Security Management). Checked after reuse, so a replayed old pair still revokes its family.
            if (access is not null && (now >= access.ExpiresAt || access.Generation < access.Family.Generation))
                return Fail(operation, Condition.AccessTokenInvalid);

            var clientId = SlotReader.Read(operation, request, Slot.ClientId);
            if (policy.ClientBound && clientId is not null && clientId != family.ClientId && !state.Has(Defect.IgnoreClientBinding))
                return Fail(operation, Condition.ForeignClient);

            var tenant = SlotReader.Read(operation, request, Slot.Tenant);
            if (tenant is not null && tenant != family.Tenant && facts.Has(Condition.WrongTenant) && !state.Has(Defect.IgnoreTenant))
                return Fail(operation, Condition.WrongTenant);

            var scope = SlotReader.Read(operation, request, Slot.Scope) ?? family.Scope;
            if (scope != family.Scope && !ScopeSet.IsSubset(scope, family.Scope) && !state.Has(Defect.AcceptWiderScope))
                return Fail(operation, Condition.ScopeWider);

            var pair = state.Tokens.IssuePair(family, policy, now,
                renewRefresh: policy.SlidingRefresh && !state.Has(Defect.NoSlidingRefresh),
                capBySession: !state.Has(Defect.IgnoreSessionCap),
                expShift: state.Has(Defect.JwtExpMismatch) ? DefectiveExpShift : 0,
                accessScope: scope);
            if (!policy.Rotate || state.Has(Defect.SkipRotation))
            {
                // Without rotation the client keeps its refresh token: it stays current, and its (server-side) expiry still slides.
                var original = SlotReader.Read(operation, request, Slot.RefreshToken)!;
                state.Tokens.KeepCurrent(family, original, pair.RefreshExpiresAt);
                pair = pair with { Refresh = new TokenText(original) };
            }
            return new TokenAnswer(operation, Outcomes.Success(operation), pair, scope, now);
        }
    }

    private static ErrorAnswer Fail(Operation operation, Condition condition) => new(operation, Outcomes.For(operation, condition));
}
