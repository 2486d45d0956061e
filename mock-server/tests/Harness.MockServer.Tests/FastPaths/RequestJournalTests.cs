using Harness.MockServer.Journal;
using Harness.Scenarios.Redaction;
using Microsoft.AspNetCore.Http;

namespace Harness.MockServer.Tests.FastPaths;

/// <summary>
/// The journal packs an entry's texts as UTF-8 into a slot of one arena, and spills what does not fit (or what UTF-8
/// cannot carry) as objects. A journal whose slots hold nothing spills every entry: the simple path. The same
/// requests — one per operation of every contract, then seeded random ones (long, non-ASCII, lone surrogates,
/// secrets, invalid UTF-8 answers) — recorded into both must read back the same.
/// </summary>
public sealed class RequestJournalTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Latest_EveryContractsRequestsAndRandomOnes_PackedReadsAsSpilled()
    {
        var redactor = Redactor.ForContracts(Contracts.Set);
        var packed = new RequestJournal(redactor);
        var spilled = new RequestJournal(redactor, slotBytes: 0);
        var random = new Random(20261201);
        var recorded = 0;
        void Record(HttpRequest request, string body, string? operation, int status, object response)
        {
            foreach (var journal in new[] { packed, spilled })
            {
                request.Body.Position = 0;
                if (response is byte[] utf8) journal.Record(At.AddSeconds(recorded), request, body, operation, status, null, null, recorded * 0.5, utf8);
                else journal.Record(At.AddSeconds(recorded), request, body, operation, status, "token-expired", "forced", recorded * 0.5, (string)response);
            }
            recorded++;
        }

        foreach (var operation in Contracts.Set.Operations)
        {
            var request = Request(operation.Method, operation.Path);
            var body = new JsonObject();
            foreach (var field in operation.Request)
            {
                var value = field.Render("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0." + Text(random, 43));
                if (field.In == FieldLocation.Header) request.Headers.Append(field.Name, value);
                else body[field.Name] = value;
            }
            Record(request, body.ToJsonString(), operation.QualifiedId, 200, Encoding.UTF8.GetBytes($$"""{"access_token":"{{Text(random, 300)}}"}"""));
        }
        while (recorded < RequestJournal.Capacity + 50)
        {
            var request = Request(random.Next(2) == 0 ? "POST" : "PUT", "/" + Text(random, random.Next(1, 40)));
            for (var h = random.Next(0, 6); h > 0; h--) request.Headers.Append("X-" + Text(random, 4).Replace(' ', '-'), Text(random, random.Next(0, 3000)));
            var body = Text(random, random.Next(0, 6000));
            object response = random.Next(3) switch
            {
                0 => Text(random, random.Next(0, 5000)),
                1 => Encoding.UTF8.GetBytes(Text(random, random.Next(0, 5000))),
                _ => (byte[])[0xff, 0xfe, .. Encoding.UTF8.GetBytes(Text(random, 20))],
            };
            Record(request, body, null, random.Next(2) == 0 ? 200 : 401, response);
        }

        var fast = packed.Latest(RequestJournal.Capacity);
        fast.Should().HaveCount(RequestJournal.Capacity);
        fast.Should().BeEquivalentTo(spilled.Latest(RequestJournal.Capacity), o => o.WithStrictOrdering());
        packed.Total.Should().Be(spilled.Total);
        packed.CountsByStatus.Should().BeEquivalentTo(spilled.CountsByStatus);
    }

    private static HttpRequest Request(string method, string path)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        request.Path = path;
        request.Body = new MemoryStream();
        return request;
    }

    /// <summary>Random text with multi-byte characters, quotes, a password-like pair and now and then a lone surrogate (which UTF-8 cannot carry).</summary>
    private static string Text(Random random, int length)
    {
        string[] pieces = ["a", "Z", "0", "_", "-", " ", "\"", "é", "€", "😀", "password=hunter2", "\ud800", "\n"];
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            var piece = pieces[random.Next(pieces.Length)];
            if (piece == "\ud800" && random.Next(20) != 0) continue;
            text.Append(piece);
        }
        return text.ToString();
    }
}
