namespace Harness.Scenarios.Fakes;

/// <summary>A made-up end user as the AGS tokens describe one: account, user, device, tenant and country.</summary>
public sealed record FakeIdentity(
    string AccountId,
    string UserId,
    string Username,
    string Password,
    string DeviceId,
    string TenantId,
    string AccountProfileId,
    string BillingCountryCode,
    string SessionToken);
