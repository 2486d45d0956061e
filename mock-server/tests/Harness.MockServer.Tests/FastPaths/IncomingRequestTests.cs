using Harness.MockServer.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Harness.MockServer.Tests.FastPaths;

/// <summary>
/// <see cref="IncomingRequest"/>'s two speed-ups, against the simple path: its <c>Unwrap</c> (no copy of the template's
/// prefix) against <see cref="RequestField.Unwrap"/>, and its memo of values already read against reading each field
/// afresh — for every field of every contract, with seeded random values.
/// </summary>
public sealed class IncomingRequestTests
{
    [TestCaseSource(typeof(FastPathCases), nameof(FastPathCases.Operations))]
    public void Unwrap_EveryHeaderField_RandomValues_AsTheModelUnwraps(Operation operation)
    {
        var random = FastPathCases.Seeded(operation, 1);
        var fields = operation.Request.Where(f => f.In == FieldLocation.Header).ToList();
        // Templates no contract has yet, so a new one is covered too.
        var templates = fields.Where(f => f.Template is not null).Select(f => f.Template!).Concat(["Basic {}", "Token {}", "{}", "DPoP {} x"]).Distinct();
        var variants = fields.Concat(fields.Take(1).SelectMany(f => templates.Select(t => f with { Template = t }))).Append(fields.FirstOrDefault() is { } first ? first with { Template = null } : null).OfType<RequestField>();
        foreach (var field in variants)
        {
            for (var i = 0; i < FastPathCases.Draws; i++)
            {
                var raw = RawHeader(random, field.Template);
                IncomingRequest.Unwrap(field, raw).Should().Be(field.Unwrap(raw), "the field {0} with template '{1}' and the value '{2}'", field.Name, field.Template, raw);
            }
        }
    }

    [TestCaseSource(typeof(FastPathCases), nameof(FastPathCases.Operations))]
    public void ValueOf_EveryField_RandomRequests_AsReadAfresh(Operation operation)
    {
        var random = FastPathCases.Seeded(operation, 2);
        var fields = operation.Request.Concat(operation.Request.SelectMany(f => f.Items)).ToList();
        for (var i = 0; i < FastPathCases.Draws; i++)
        {
            var sent = RandomRequest(random, operation);
            var memo = sent();
            // Asked in a random order, some twice, as the checks and then the behaviour ask.
            foreach (var field in Enumerable.Range(0, fields.Count * 2).Select(_ => fields[random.Next(fields.Count)]))
                memo.ValueOf(field).Should().Be(sent().ValueOf(field), "the field {0} of request {1}", field.Name, i);
        }
    }

    private static string RawHeader(Random random, string? template)
    {
        var prefix = template is null ? "" : template[..Math.Max(0, template.IndexOf("{}", StringComparison.Ordinal))];
        var value = Text(random, random.Next(0, 12));
        return random.Next(8) switch
        {
            0 => prefix.ToUpperInvariant() + value,
            1 => prefix.ToLowerInvariant() + "  " + value + " ",
            2 => " " + prefix + value,
            3 => value,
            4 => prefix,
            5 => prefix.Length > 1 ? prefix[..^1] + value : value,
            _ => prefix + value,
        };
    }

    private static string Text(Random random, int length)
    {
        const string alphabet = "abcXYZ019-_.~+/= \t\"ßé";
        return new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    /// <summary>A request with each field absent, empty, blank, sent once, sent twice or of the wrong JSON type; each call gives a fresh instance of it.</summary>
    private static Func<IncomingRequest> RandomRequest(Random random, Operation operation)
    {
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var form = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        var json = new JsonObject();
        (string, string)? basic = null;
        foreach (var field in operation.Request)
        {
            StringValues? value = random.Next(6) switch
            {
                0 => (StringValues?)null,
                1 => StringValues.Empty,
                2 => new StringValues(" "),
                3 => new StringValues([Text(random, 5), Text(random, 5)]),
                _ => new StringValues(field.Render(Text(random, random.Next(1, 10)))),
            };
            if (value is not { } v) continue;
            switch (field.In)
            {
                case FieldLocation.Header: headers[field.Name] = v; break;
                case FieldLocation.Form: form[field.Name] = v; break;
                case FieldLocation.BasicAuth: basic = (Text(random, 4), Text(random, 6)); break;
                case FieldLocation.Json when field.Type == FieldType.NameValueArray:
                    json[field.Name] = new JsonArray([.. field.Items.Select(item => new JsonObject { ["name"] = item.Name, ["value"] = v.Count == 1 ? v[0] : null })]);
                    break;
                case FieldLocation.Json:
                    json[field.Name] = random.Next(4) == 0 ? JsonValue.Create(random.Next()) : v.Count == 1 ? v[0] : null;
                    break;
            }
        }
        return () => new IncomingRequest
        {
            Method = operation.Method,
            Path = operation.Path,
            Headers = new HeaderDictionary(headers),
            Form = form,
            Json = json.DeepClone(),
            BasicCredentials = basic,
        };
    }
}
