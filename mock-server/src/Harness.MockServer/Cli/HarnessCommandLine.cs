using System.CommandLine;
using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;

namespace Harness.MockServer.Cli;

/// <summary>The product's one command-line entry point: serve (the default), lint, export-wiremock.</summary>
internal static class HarnessCommandLine
{
    /// <summary>Runs the command line; <paramref name="serve"/> starts the host that <c>serve</c> runs (default: the Kestrel host).</summary>
    public static Task<int> InvokeAsync(string[] args, MockHostStarter? serve = null)
    {
        var port = new Option<int?>("--port") { Description = $"Port to listen on (default {MockServerOptions.DefaultPort}, or ${MockServerOptions.PortVariable}).", CustomParser = UsageErrors.Port };
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var scenarios = new Option<string?>("--scenarios") { Description = $"Scenario folder (default: ${MockServerOptions.ScenariosVariable}, else the scenarios/ folder above the working directory or the program, else the contracts embedded in the program).", HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed for identities and token values: the same seed gives the same run.", DefaultValueFactory = _ => 1 };
        var defects = new Option<string[]>("--defect") { Description = "Break one rule on purpose (repeatable); see --list-defects.", AllowMultipleArgumentsPerToken = false };
        var listDefects = new Option<bool>("--list-defects") { Description = "List the defects the mock can inject, and exit." };
        var cors = new Option<string[]>("--cors-origin") { Description = "Allow only this origin on the APIs (repeatable; default: any origin), and let it use the control API /__harness (default: only the mock's own pages)." };
        var hostNames = new Option<string[]>("--host-name") { Description = "Also answer requests whose Host is NAME (any port) or NAME:PORT (repeatable); default: only localhost, 127.0.0.1, [::1] and the bound address with the mock's port.", HelpName = "NAME" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow --host to be a non-loopback address (0.0.0.0 in a container); the control API then requires a control token." };
        var controlToken = new Option<string?>("--control-token") { Description = $"Token every /__harness call must carry (Authorization: Bearer or X-Harness-Control-Token); or ${MockServerOptions.ControlTokenVariable}. With --allow-remote and no token, one is generated and printed once.", HelpName = "TOKEN" };
        var https = new Option<bool>("--https") { Description = "Serve HTTPS with a development certificate made at start-up (its PEM path and SHA-256 are printed), and plain HTTP on --http-port, where operations that require HTTPS are refused." };
        var httpPort = new Option<int>("--http-port") { Description = "With --https: the plain-HTTP port (default: a free one).", DefaultValueFactory = _ => 0 };

        var root = new HarnessRootCommand("Refresh Harness mock server: a stateful simulator of the token-refresh APIs described by the scenario files.")
        {
            port, host, scenarios, seed, defects, listDefects, cors, hostNames, allowRemote, controlToken, https, httpPort,
        };
        var maxSessions = new Option<int>("--max-sessions")
        {
            Description = $"Sessions (token families) kept at most; past it the least recently used is evicted and the journal says so (default {Tokens.TokenStore.DefaultMaxSessions}).",
            DefaultValueFactory = _ => Tokens.TokenStore.DefaultMaxSessions,
        };
        root.Options.Add(maxSessions);
        // Users' stubs beside the contract: served by the WireMock.Net host only (the Kestrel program refuses them).
        var mappings = new Option<string?>("--mappings") { Description = "WireMock.Net host: load your own WireMock mapping files from DIR (or DIR/mappings) at start and whenever one changes; they override the contract on the requests they match.", HelpName = "DIR" };
        var proxy = new Option<string?>("--proxy") { Description = "WireMock.Net host: send every request no mapping matches to this backend (http:// or https://) instead of answering 404.", HelpName = "URL" };
        root.Options.Add(mappings);
        root.Options.Add(proxy);
        var noWatch = new Option<bool>("--no-watch") { Description = "Do not reload the scenario files when they change (by default a changed folder is served once it lints clean; one with problems is refused and the last valid contracts keep serving)." };
        root.Options.Add(noWatch);
        root.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(listDefects))
            {
                foreach (var info in DefectCatalog.All) Console.WriteLine($"{info.Name,-32} [{info.Rule}] {info.Description}");
                return 0;
            }
            var chosen = new HashSet<Defect>();
            foreach (var name in parse.GetValue(defects) ?? [])
            {
                if (!DefectCatalog.TryParse(name, out var defect))
                {
                    Console.Error.WriteLine($"{ProgramName.Current}: unknown defect '{name}'; --list-defects lists them");
                    return 2;
                }
                chosen.Add(defect);
            }
            var envPort = Environment.GetEnvironmentVariable(MockServerOptions.PortVariable);
            int? fromEnv = int.TryParse(envPort, out var p) ? p : null;
            if (envPort is { Length: > 0 } && fromEnv is null)
            {
                Console.Error.WriteLine($"{ProgramName.Current}: {MockServerOptions.PortVariable}='{envPort}' is not a port number");
                return 2;
            }
            var token = parse.GetValue(controlToken) ?? (Environment.GetEnvironmentVariable(MockServerOptions.ControlTokenVariable) is { Length: > 0 } t ? t : null);
            var generated = token is null && parse.GetValue(allowRemote);
            var options = new MockServerOptions
            {
                Port = parse.GetValue(port) ?? fromEnv ?? MockServerOptions.DefaultPort,
                Host = parse.GetValue(host)!,
                ScenarioFolder = parse.GetValue(scenarios),
                Seed = parse.GetValue(seed),
                Defects = chosen,
                CorsOrigins = parse.GetValue(cors) ?? [],
                HostNames = parse.GetValue(hostNames) ?? [],
                AllowRemote = parse.GetValue(allowRemote),
                ControlToken = generated ? ControlToken.Generate() : token,
                MaxSessions = parse.GetValue(maxSessions),
                Https = parse.GetValue(https),
                HttpPort = parse.GetValue(httpPort),
                MappingsFolder = parse.GetValue(mappings),
                ProxyUrl = parse.GetValue(proxy),
                WatchScenarios = !parse.GetValue(noWatch),
            };
            return await ServeCommand.RunAsync(options, Console.Out, Console.Error, cancel, tokenGenerated: generated, serve);
        });

        var lintFolder = new Argument<string>("folder") { Description = "The scenario folder to check.", DefaultValueFactory = _ => "scenarios" };
        var lint = new Command("lint", "Check a scenario folder and print every problem as file:line:column.") { lintFolder };
        lint.SetAction(parse => LintCommand.Run(parse.GetValue(lintFolder)!, Console.Out, Console.Error));
        root.Subcommands.Add(lint);
        root.Subcommands.Add(ProfileCheckCommand.Create());

        var exportOut = new Option<string>("--out") { Description = "Root directory to write (mappings go to DIR/mappings, as WireMock's --root-dir expects).", Required = true, HelpName = "DIR" };
        var exportScenarios = new Option<string?>("--scenarios") { Description = "Scenario folder (default: the scenarios/ folder above the working directory).", HelpName = "DIR" };
        var export = new Command("export-wiremock", "Write the stateless part of every contract (each documented status and a request that triggers it) as WireMock stub mappings.")
        {
            exportOut, exportScenarios,
        };
        export.SetAction(parse => ExportWireMockCommand.Run(parse.GetValue(exportOut)!, parse.GetValue(exportScenarios), Console.Out, Console.Error));
        root.Subcommands.Add(export);
        root.Subcommands.Add(OpenApiCommandLine.ExportCommand());

        var before = new Argument<string>("before") { Description = "report.json of the earlier run." };
        var after = new Argument<string>("after") { Description = "report.json of the later run." };
        var compare = new Command("compare", "Compare two conformance runs: what newly fails, what was fixed (exit 1 when something newly fails).") { before, after };
        compare.SetAction(parse => Harness.Reports.ReportCommands.Compare(parse.GetValue(before)!, parse.GetValue(after)!, Console.Out));
        var reportJson = new Argument<string>("report") { Description = "A report.json to render again." };
        var renderOut = new Argument<string>("folder") { Description = "Where to write junit.xml and report.html." };
        var render = new Command("render", "Render junit.xml and report.html again from a report.json.") { reportJson, renderOut };
        render.SetAction(parse => Harness.Reports.ReportCommands.Render(parse.GetValue(reportJson)!, parse.GetValue(renderOut)!, Console.Out));
        root.Subcommands.Add(new Command("report", "Work with conformance reports.") { compare, render });

        var parsed = root.Parse(args);
        return parsed.Errors.Count > 0 ? Task.FromResult(UsageErrors.Report(parsed, Console.Error)) : parsed.InvokeAsync();
    }
}
