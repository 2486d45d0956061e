using System.Text.Json.Nodes;
using Harness.MockServer.Tokens;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>What the mock decided to answer, before it is written: an outcome of the contract and, on success, what fills the body.</summary>
internal abstract record Answer(Operation Operation, Outcome Outcome);

/// <summary>An error outcome: the contract's status with the body its error shape prescribes.</summary>
internal sealed record ErrorAnswer(Operation Operation, Outcome Outcome) : Answer(Operation, Outcome);

/// <summary>A token response, filled field by field from the slots the contract binds.</summary>
internal sealed record TokenAnswer(Operation Operation, Outcome Outcome, TokenPair Pair, string Scope, long Now) : Answer(Operation, Outcome);

/// <summary>A success whose body is built whole (service discovery, keys).</summary>
internal sealed record BodyAnswer(Operation Operation, Outcome Outcome, JsonNode Body) : Answer(Operation, Outcome);
