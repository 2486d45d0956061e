namespace Harness.MockServer.Journal;

/// <summary>What answered a journalled request: the values of <see cref="JournalEntry.Source"/>.</summary>
public static class JournalSources
{
    /// <summary>The harness: a contract operation, its control surface, or its JSON 404.</summary>
    public const string Contract = "contract";

    /// <summary>A user's own WireMock.Net mapping (from <c>--mappings</c> or <c>POST /__admin/mappings</c>).</summary>
    public const string UserStub = "user-stub";

    /// <summary>The <c>--proxy</c> backend, for a request no mapping matched.</summary>
    public const string Proxy = "proxy";

    /// <summary>No mapping matched and nothing answered but WireMock.Net's own 404.</summary>
    public const string Unmatched = "unmatched";

    /// <summary>Not a request: a mapping file of <c>--mappings</c> that could not be loaded (the reason is the entry's response body).</summary>
    public const string MappingFile = "mapping-file";
}
