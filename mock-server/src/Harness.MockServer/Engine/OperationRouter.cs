using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>Finds the operations a path belongs to. Several operations may share a path (the OAuth token endpoint); the grant type tells them apart later.</summary>
internal sealed class OperationRouter
{
    private readonly Dictionary<string, IReadOnlyList<Operation>> _byPath;

    public OperationRouter(ContractSet contracts)
    {
        _byPath = contracts.Operations
            .GroupBy(o => o.Path, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Operation>)[.. g.OrderBy(o => o.Role == OperationRole.Refresh ? 0 : 1)], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The operations at a path, the primary one (the refresh operation, if any) first; empty when the path is unknown.</summary>
    public IReadOnlyList<Operation> At(string path) =>
        _byPath.TryGetValue(path.Length > 1 ? path.TrimEnd('/') : path, out var ops) ? ops : [];
}
