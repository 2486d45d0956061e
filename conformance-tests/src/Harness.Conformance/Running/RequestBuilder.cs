using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Running;

/// <summary>
/// Builds the HTTP request for a step from the operation's contract: each field filled from the step's
/// values, else the latest tokens, else the target value of the slot's name; then bent by the step's mutation.
/// </summary>
public sealed class RequestBuilder(ScenarioContext context)
{
    /// <summary>Slots the target never fills by default: a scope is only sent when a step asks for one, or to start a session (below).</summary>
    private static readonly HashSet<Slot> NotDefaulted = [Slot.Scope];

    /// <summary>The secret sent for a client id the profile does not know (the unknown-client checks) under a confidential client-auth.</summary>
    public const string UnknownClientSecret = "not-a-secret-of-this-client";

    public PreparedRequest Build(Operation operation, IReadOnlyDictionary<Slot, ValueExpression> with, Mutation mutate)
    {
        // First: a target that does not serve the operation skips the scenario for that reason, not for a missing value.
        var path = context.Target.PathOf(operation);
        // A profile's client-auth decides where the client credentials travel; the contract's fields still say which
        // values they are (a step's `with`, else the target's), so scenarios read the same for every mode.
        var clientAuth = context.Target.ClientAuth;
        var moveCredentials = clientAuth != ClientAuthentication.AsContract && operation.Request.Any(f => f.Binds == Slot.ClientId);
        string? clientId = null, clientSecret = null;
        var secretOmitted = false;

        // Called field by field in contract order, as the values are: a client credential the profile moves is taken here.
        bool Sends(RequestField field)
        {
            if (moveCredentials && field.Binds is Slot.ClientId or Slot.ClientSecret)
            {
                if (Omitted(mutate, field)) secretOmitted |= field.Binds == Slot.ClientSecret;
                else if (field.Binds == Slot.ClientId) clientId = ValueFor(operation, field, with, mutate);
                else if (clientAuth != ClientAuthentication.Public) clientSecret = ValueFor(operation, field, with, mutate);
                else if (with.TryGetValue(Slot.ClientSecret, out var written) && !written.References.Any())
                    // A step that sends a made-up secret is about secrets; a public client has none to get wrong.
                    throw new ScenarioSkipped($"the target's client is public (client-auth: public), and this step sends a client secret ({written.Text})");
                return false;
            }
            return !Omitted(mutate, field);
        }

        var request = ContractRequest.Build(operation, field => ValueFor(operation, field, with, mutate), Sends);
        var form = request.Form.ToList();
        var basic = request.Basic;
        if (moveCredentials && clientId is not null)
        {
            // A contract without a secret field (a public client's) still has a secret under a confidential mode: the
            // one the profile names for that client id. An unknown client id gets a made-up one, so the server meets a
            // complete (and wrong) authentication rather than a missing secret.
            if (clientAuth.IsConfidential() && !secretOmitted && !operation.Request.Any(f => f.Binds == Slot.ClientSecret))
                clientSecret = context.Target.ClientSecretOf(clientId) ?? UnknownClientSecret;
            switch (clientAuth)
            {
                case ClientAuthentication.ClientSecretBasic:
                    basic = (clientId, clientSecret ?? "");
                    break;
                case ClientAuthentication.ClientSecretPost:
                    form.Add(new("client_id", clientId));
                    if (clientSecret is not null) form.Add(new("client_secret", clientSecret));
                    break;
                default:
                    form.Add(new("client_id", clientId));
                    break;
            }
        }
        request = request with
        {
            Path = path,
            Method = mutate.Method ?? request.Method,
            ContentType = mutate.ContentType ?? request.ContentType,
            Basic = basic,
            Form = form,
        };

        var body = mutate.Body;
        // A fixed form body is about its own fault (a repeated parameter); where the profile puts the client's credentials
        // in the form, they go with it, or the server would refuse the missing authentication before the fault.
        if (body is not null && moveCredentials && request.BodyKind == FieldLocation.Form && !FormNames(body).Contains("client_id"))
            foreach (var pair in form.Where(p => p.Key is "client_id" or "client_secret"))
                body += "&" + ContractRequest.FormText([pair]);
        body ??= request.Body;

        var baseAddress = mutate.BaseUrl is { } other ? new Uri(context.EvaluateText(other).TrimEnd('/') + "/") : context.Target.BaseAddress;
        var url = new Uri(baseAddress, request.PathAndQuery.TrimStart('/'));
        var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        var recorded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<KeyValuePair<string, string>> headers = request.Authorization is { } authorization ? [new("Authorization", authorization), .. request.Headers] : request.Headers;
        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
            recorded[name] = value;
        }
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8);
            message.Content.Headers.ContentType = request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
            if (request.ContentType is not null) recorded["Content-Type"] = request.ContentType;
        }
        var record = new ExchangeRequest { Method = request.Method, Url = url.ToString(), Headers = recorded, Body = body };
        return new PreparedRequest(message, record);
    }

    private string? ValueFor(Operation operation, RequestField field, IReadOnlyDictionary<Slot, ValueExpression> with, Mutation mutate)
    {
        if (mutate.Set.TryGetValue(field.Name, out var forced)) return context.EvaluateText(forced);
        if (field.Value is not null) return field.Value;
        if (field.Binds is not { } slot) return null;
        string? value;
        if (with.TryGetValue(slot, out var expression))
        {
            var node = context.Evaluate(expression) ?? throw new InvalidOperationException($"{expression.Text} has no value at this step");
            value = StepResult.Text(node);
        }
        else if (slot is Slot.AccessToken or Slot.RefreshToken) value = context.LatestToken(slot) is { } token ? StepResult.Text(token) : null;
        else if (slot == Slot.CorrelationId) value = Guid.NewGuid().ToString();
        // Starting a session asks for the profile's scope when it gives one: servers that require a scope (or issue a
        // refresh token only for one, such as offline_access) would refuse every session otherwise.
        else value = NotDefaulted.Contains(slot) && operation.Role != OperationRole.Issue ? null : context.Target.Value(KebabName.Of(slot));

        if (value is null && field.Required && slot is not (Slot.AccessToken or Slot.RefreshToken))
            throw new ScenarioSkipped($"{SkipCause.MissingValue} '{KebabName.Of(slot)}', which {field.Name} needs");
        return value is not null && mutate.Tamper.Contains(slot) ? Tamper(value) : value;
    }

    private static bool Omitted(Mutation mutate, RequestField field) =>
        mutate.Omit.Any(name => string.Equals(name, field.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Corrupts a token where a server must notice: the signature of a JWT, the middle of an opaque token.</summary>
    public static string Tamper(string token)
    {
        var at = token.LastIndexOf('.') is var dot and > 0 && dot < token.Length - 2 ? dot + 1 + (token.Length - dot - 1) / 2 : token.Length / 2;
        var replacement = token[at] == 'A' ? 'B' : 'A';
        return token[..at] + replacement + token[(at + 1)..];
    }

    /// <summary>The parameter names of a form body, as sent.</summary>
    private static HashSet<string> FormNames(string body) =>
        [.. body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => Uri.UnescapeDataString(pair.Split('=')[0].Replace('+', ' ')))];
}
