using System.Net.Http.Headers;
using Harness.MockServer.WireMock;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Tests.Support;

/// <summary>
/// Sends the exporter's example requests to a server at an address (the in-process mock, the WireMock jar,
/// the published binary), so differential tests send the very same bytes to both sides.
/// </summary>
internal static class ExampleExchange
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri baseAddress, ExampleRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(baseAddress, request.Path.TrimStart('/')));
        if (request.Body is not null) message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else message.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await http.SendAsync(message);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>
    /// A request the server at <paramref name="baseAddress"/> answers with success: the target values, and for a
    /// refresh a token pair that server issued through the realm's issue operation.
    /// </summary>
    public static async Task<ExampleRequest> WellFormedRequestAsync(
        HttpClient http, Uri baseAddress, ContractSet contracts, IReadOnlyDictionary<string, string> targetValues, Operation operation)
    {
        var values = new Dictionary<string, string>(targetValues);
        if (operation.Role == OperationRole.Refresh)
        {
            var realm = contracts.Api(operation.ApiId)!.Realm;
            var issue = contracts.IssueOperation(realm) ?? throw new InvalidOperationException($"realm {realm} has no issue operation");
            using var issued = await SendAsync(http, baseAddress, ContractStubConverter.ExampleFor(issue, values));
            var text = await issued.Content.ReadAsStringAsync();
            Assert.That(issued.IsSuccessStatusCode, Is.True, $"set-up: {issue.QualifiedId} issues a session at {baseAddress}: {(int)issued.StatusCode} {text}");
            var body = JsonNode.Parse(text);
            foreach (var field in issue.Response.Fields.Where(f => f.Binds is not null))
                if (BodyPath.Get(body, field.Path, out var found) is JsonValue value && found)
                    values[KebabName.Of(field.Binds!.Value)] = value.ToString();
        }
        return ContractStubConverter.ExampleFor(operation, values);
    }

    public static string? HeaderOf(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    public static string? MediaType(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;
}
