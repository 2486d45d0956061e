using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.MockServer.Requests;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine.Behaviours;

/// <summary>Sign-on, password grant, create token: finds the account, checks it may sign on here, and starts a session.</summary>
internal sealed class IssueBehaviour(MockState state) : IRoleBehaviour
{
    private readonly ApiIndex _apis = new(state.Contracts);

    public OperationRole Role => OperationRole.Issue;

    public Answer Handle(Operation operation, IncomingRequest request)
    {
        var world = state.World;
        var facts = OperationFacts.Of(operation);
        var sessionToken = SlotReader.Read(operation, request, Slot.SessionToken);
        var username = SlotReader.Read(operation, request, Slot.Username);
        var account = sessionToken is not null ? world.FindBySessionToken(sessionToken) : world.FindByUsername(username);
        if (account is null || (facts.FieldFor(Slot.Password) is not null && SlotReader.Read(operation, request, Slot.Password) != account.Identity.Password
                                && !state.Has(Defect.AcceptWrongPassword)))
            return Fail(operation, Condition.InvalidCredentials);
        if (account.Suspended && facts.Has(Condition.AccountForbidden) && !state.Has(Defect.IgnoreAccountSuspension))
            return Fail(operation, Condition.AccountForbidden);

        var clientId = SlotReader.Read(operation, request, Slot.ClientId) ?? account.Identity.DeviceId;
        if (world.FindClient(clientId) is { GeoBlocked: true } && facts.Has(Condition.GeoBlocked) && !state.Has(Defect.IgnoreGeoBlocking))
            return Fail(operation, Condition.GeoBlocked);

        var tenant = SlotReader.Read(operation, request, Slot.Tenant);
        if (tenant is not null && tenant != account.Identity.TenantId && facts.Has(Condition.WrongTenant) && !state.Has(Defect.IgnoreTenant))
            return Fail(operation, Condition.WrongTenant);

        var scope = SlotReader.Read(operation, request, Slot.Scope) ?? account.Scope;
        if (scope != account.Scope && !ScopeSet.IsSubset(scope, account.Scope) && !state.Has(Defect.AcceptWiderScope))
            return Fail(operation, Condition.ScopeWider);

        var api = _apis.ApiOf(operation);
        var issuer = api.Oidc is { } surface ? Oidc.OidcRealm.IssuerOf(surface, request.IsHttps ? "https" : "http", request.Headers.Host.ToString()) : null;
        var pair = state.Tokens.StartSession(api.Realm, account, clientId, tenant ?? account.Identity.TenantId, scope,
            expShift: state.Has(Defect.JwtExpMismatch) ? RefreshBehaviour.DefectiveExpShift : 0, issuer: issuer);
        return new TokenAnswer(operation, Outcomes.Success(operation), pair, scope, pair.IssuedAt);
    }

    private static ErrorAnswer Fail(Operation operation, Condition condition) => new(operation, Outcomes.For(operation, condition));
}
