namespace Harness.Scenarios.Model;

/// <summary>Whether breaking a rule breaks the documented contract, or only a best current practice (RFC 9700 and the like).</summary>
public enum Severity
{
    Contract,
    BestPractice,
}
