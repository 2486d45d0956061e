
namespace Harness.MockServer.Tests.Support;

/// <summary>What a response must look like for an outcome of the contract: its status, error shape and headers.</summary>
public static class OutcomeAssertions
{
    public static void ShouldMatch(this Reply reply, Operation operation, Outcome outcome)
    {
        var label = Contracts.Label(operation, outcome);
        reply.Status.Should().Be(outcome.Status, "{0} was expected: {1}", label, reply);
        foreach (var header in outcome.Headers)
            reply.Header(header.Name).Should().NotBeNull("{0} declares {1}: {2}", label, header.Name, reply)
                .And.Contain(header.Contains, "{0} declares {1} containing {2}", label, header.Name, header.Contains);
        if (outcome.When == Condition.Success)
        {
            reply.ShouldBeSuccessOf(operation);
            return;
        }
        var shape = Contracts.Set.Api(operation.ApiId)!.ErrorShape;
        reply.ShouldBeErrorShape(shape, outcome.ErrorCode, outcome.Status, label);
        if (shape == ErrorShape.Envelope && outcome.ErrorMessage is { } message)
            // The declared message leads; where the request got its form wrong, what was expected follows it.
            reply.Text("errorMessage").Should().StartWith(message, "{0}: {1}", label, reply);
    }

    /// <summary>The body is JSON in the API's error shape carrying the error code (status-only: the mock's small {"status", "error"}).</summary>
    public static void ShouldBeErrorShape(this Reply reply, ErrorShape shape, string? errorCode, int status, string because = "")
    {
        reply.MediaType.Should().Be("application/json", "{0} error bodies are JSON: {1}", because, reply);
        var body = reply.Json.Should().BeOfType<JsonObject>("{0} the error body must be a JSON object: {1}", because, reply).Subject;
        switch (shape)
        {
            case ErrorShape.StatusOnly:
                body["status"]?.GetValue<int>().Should().Be(status, "{0} status-only bodies repeat the status: {1}", because, reply);
                break;
            case ErrorShape.Oauth2:
                reply.Text("error").Should().Be(errorCode, "{0} RFC 6749 §5.2 error: {1}", because, reply);
                body["error_description"].Should().NotBeNull("{0}: {1}", because, reply);
                break;
            case ErrorShape.Envelope:
                reply.Text("errorCode").Should().Be(errorCode, "{0} envelope errorCode: {1}", because, reply);
                reply.Text("errorMessage").Should().NotBeNullOrEmpty("{0}: {1}", because, reply);
                foreach (var member in new[] { "content", "pageable" })
                {
                    body.ContainsKey(member).Should().BeTrue("{0} the envelope always carries {1}: {2}", because, member, reply);
                    IsEmpty(body[member]).Should().BeTrue("{0} on failure {1} is empty (\"\", [], {{}} or null): {2}", because, member, reply);
                }
                break;
        }
    }

    public static void ShouldBeSuccessOf(this Reply reply, Operation operation)
    {
        reply.Status.Should().Be(operation.Response.Status, "{0} success: {1}", operation.QualifiedId, reply);
        reply.MediaType.Should().Be("application/json", "{0}: {1}", operation.QualifiedId, reply);
        foreach (var field in operation.Response.Fields.Where(f => f.Required))
        {
            BodyPath.Get(reply.Json, field.Path, out var found);
            found.Should().BeTrue("{0} answers {1} on success: {2}", operation.QualifiedId, field.Path, reply);
        }
        foreach (var header in operation.Response.Headers)
            reply.Header(header.Name).Should().Contain(header.Contains, "{0} success carries {1}: {2}", operation.QualifiedId, header.Name, reply);
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v => v.TryGetValue<string>(out var s) && s.Length == 0,
        _ => false,
    };
}
