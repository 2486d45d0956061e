using System.Text.Json;
using Harness.MockServer.Control;
using Harness.MockServer.Engine;

namespace Harness.MockServer.Hosting;

/// <summary>A request the mock will not serve, answered with the control API's documented error body (<see cref="ControlProblem"/>).</summary>
internal static class JsonRefusal
{
    public static Task WriteAsync(HttpContext context, int status, string error, string message)
    {
        context.Response.Headers.CacheControl = "no-store";
        return MockEngine.WriteJsonAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(ControlProblem.Of(status, error, message), ControlJson.Default.ControlProblem));
    }

    /// <summary>Text from the request quoted in a refusal: short, so a refusal cannot be used to echo a large payload back.</summary>
    public static string Quote(string? text) => text is null ? "" : text.Length <= 100 ? text : text[..100] + "…";
}
