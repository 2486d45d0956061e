using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Harness.MockServer.Cli;

/// <summary>
/// How every command answers a command line that does not parse: one sentence per problem (the option, what it
/// expects in words, what it got) and a pointer to --help, then exit code 2, instead of the whole help and a .NET type name.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Prints the problems of a command line that did not parse, and returns <see cref="ExitCodes.UsageError"/>.</summary>
    public static int Report(ParseResult parse, TextWriter error)
    {
        foreach (var problem in parse.Errors.Select(InWords).Distinct(StringComparer.Ordinal))
            error.WriteLine($"{ProgramName.Current}: {problem}");
        error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for the options.");
        return ExitCodes.UsageError;
    }

    /// <summary>
    /// A port: a whole number from 0 (any free port) to 65535. Set as the option's CustomParser, so the range is
    /// checked while parsing and reported like every other parse error.
    /// </summary>
    public static int? Port(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535) return port;
        result.AddError($"{SymbolName(result)} expects a whole number between 0 and 65535, got '{text}'");
        return null;
    }

    /// <summary>The parser's sentence, except that a value it could not convert is described in words.</summary>
    private static string InWords(ParseError error)
    {
        if (!error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal)) return error.Message.TrimEnd('.');
        return error.SymbolResult switch
        {
            OptionResult { Tokens.Count: > 0 } option => $"{option.Option.Name} expects {Expected(option.Option.ValueType)}, got '{option.Tokens[^1].Value}'",
            ArgumentResult { Tokens.Count: > 0 } argument => $"{SymbolName(argument)} expects {Expected(argument.Argument.ValueType)}, got '{argument.Tokens[^1].Value}'",
            _ => error.Message.TrimEnd('.'),
        };
    }

    private static string SymbolName(ArgumentResult argument) =>
        argument.Parent is OptionResult option ? option.Option.Name : $"<{argument.Argument.Name}>";

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray) type = type.GetElementType()!;
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double) || type == typeof(decimal)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(TimeSpan)) return "a duration such as 00:00:30";
        if (type == typeof(Uri)) return "a URL";
        return "a " + type.Name.ToLowerInvariant();
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? at = command; at is not null; at = at.Parent)
            if (at is CommandResult c) names.Add(c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
