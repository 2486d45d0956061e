using Harness.MockServer.Control;
using Harness.Scenarios.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Harness.MockServer.OpenApi;

/// <summary><c>GET /__harness/openapi</c> lists the documents; <c>GET /__harness/openapi/{name}.json</c> serves one.</summary>
internal static class OpenApiEndpoints
{
    public static void MapOpenApiDocuments(this IEndpointRouteBuilder app, ContractSet contracts)
    {
        var documents = new OpenApiDocuments(contracts);
        app.MapGet(OpenApiDocuments.PathPrefix, () => TypedResults.Json(
            new OpenApiIndex([.. documents.Names.Select(n => $"{OpenApiDocuments.PathPrefix}/{n}.json")]), ControlJson.Default.OpenApiIndex));
        app.MapGet(OpenApiDocuments.PathPrefix + "/{file}", (string file) =>
            file.EndsWith(".json", StringComparison.Ordinal) && documents.Json(file[..^5]) is { } json
                ? TypedResults.Text(json, "application/json")
                : ControlApi.Problem(404, "not_found", $"no OpenAPI document '{file}'; GET {OpenApiDocuments.PathPrefix} lists them"));
    }
}
