using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios.Loading;

/// <summary>The file being read and the problems found in it so far.</summary>
internal sealed class ReadContext(string file, List<Diagnostic> diagnostics)
{
    public string File { get; } = file;

    public Location At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Report(YamlNode node, string message) => diagnostics.Add(At(node).Problem(message));

    public void Report(Location where, string message) => diagnostics.Add(where.Problem(message));

    public YamlMap? AsMap(YamlNode node, string what)
    {
        if (node is YamlMappingNode map) return new YamlMap(map, this);
        Report(node, $"'{what}' must be a mapping, not a {YamlMap.Describe(node)}");
        return null;
    }

    /// <summary>Parses a file's single document; syntax errors become located diagnostics.</summary>
    public static YamlMap? Open(string path, string displayPath, List<Diagnostic> diagnostics) =>
        Open(() => new StreamReader(path), displayPath, diagnostics);

    /// <summary>Parses one file of a scenario folder, named in diagnostics as the folder displays it.</summary>
    public static YamlMap? Open(ScenarioFiles files, string path, List<Diagnostic> diagnostics) =>
        Open(() => files.Open(path), files.Display(path), diagnostics);

    private static YamlMap? Open(Func<TextReader> open, string displayPath, List<Diagnostic> diagnostics)
    {
        var context = new ReadContext(displayPath, diagnostics);
        try
        {
            using var reader = open();
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0)
            {
                diagnostics.Add(new Diagnostic(displayPath, 1, 1, "the file is empty"));
                return null;
            }
            return context.AsMap(stream.Documents[0].RootNode, "the document");
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes its own position; the diagnostic already carries it.
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith('(') && cut > 0) message = message[(cut + 3)..];
            diagnostics.Add(new Diagnostic(displayPath, (int)e.Start.Line, (int)e.Start.Column, $"YAML syntax: {message}"));
            return null;
        }
    }
}
