using System.Text.Json;
using System.Text.Json.Serialization;
using Harness.MockServer.Hosting;

namespace Harness.MockServer.Control;

/// <summary>
/// <c>GET /__harness/contracts/status</c>: where the contracts came from, the version served, and — when the scenario
/// folder changed with problems — every problem as <c>file:line:column</c> (the dashboard shows them in a banner).
/// </summary>
internal static class ContractStatusApi
{
    public const string StatusPath = ControlApi.Prefix + "/contracts/status";

    public static IEndpointRouteBuilder MapContractStatus(this IEndpointRouteBuilder app, ContractStatus status)
    {
        app.MapGet(StatusPath, () => TypedResults.Json(status.Current, ContractStatusJson.Default.ContractStatusView));
        return app;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ContractStatusView))]
internal sealed partial class ContractStatusJson : JsonSerializerContext;
