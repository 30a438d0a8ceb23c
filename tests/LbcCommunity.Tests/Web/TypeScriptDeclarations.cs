using System.Text.RegularExpressions;

namespace LbcCommunity.Tests.Web;

/// <summary>
/// The declarations of the web app's published wire types, read from their TypeScript source with a few patterns
/// rather than a TypeScript compiler, so the test needs no Node.js. The files keep to the shape these patterns know
/// (one property per line, named interfaces instead of inline object types); anything else is reported, not skipped.
/// </summary>
internal sealed partial class TypeScriptDeclarations
{
    /// <summary>Each exported interface's properties by name: whether it is optional (<c>name?:</c>), and its type as written.</summary>
    public Dictionary<string, Dictionary<string, Property>> Interfaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Each exported union of string literals (<c>export type X = "A" | "B";</c>).</summary>
    public Dictionary<string, List<string>> Unions { get; } = new(StringComparer.Ordinal);

    /// <summary>Each exported constant object of string values (<c>export const X = { Key: "value", … } as const;</c>).</summary>
    public Dictionary<string, Dictionary<string, string>> Constants { get; } = new(StringComparer.Ordinal);

    /// <summary>The web app's published protocol, src/LbcCommunity.Web/src/protocol, found above the test's folder.</summary>
    public static TypeScriptDeclarations ReadPublished()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LbcCommunity.sln")))
        {
            folder = folder.Parent;
        }

        var root = folder?.FullName ?? throw new InvalidOperationException("The repository root (LbcCommunity.sln) is not above the test's folder.");
        return Read(Path.Combine(root, "src", "LbcCommunity.Web", "src", "protocol"));
    }

    public static TypeScriptDeclarations Read(string folder)
    {
        var declarations = new TypeScriptDeclarations();
        foreach (var file in Directory.GetFiles(folder, "*.ts").Order(StringComparer.Ordinal))
        {
            declarations.Add(WithoutComments(File.ReadAllText(file)));
        }

        return declarations;
    }

    private void Add(string source)
    {
        foreach (Match m in Interface().Matches(source))
        {
            var properties = new Dictionary<string, Property>(StringComparer.Ordinal);
            foreach (var line in m.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                var property = PropertyLine().Match(line);
                if (!property.Success)
                {
                    throw new FormatException($"interface {m.Groups["name"].Value}: '{line}' is not one property per line.");
                }

                properties.Add(property.Groups["name"].Value, new Property(property.Groups["optional"].Success, property.Groups["type"].Value.Trim()));
            }

            Interfaces.Add(m.Groups["name"].Value, properties);
        }

        foreach (Match m in Union().Matches(source))
        {
            var members = m.Groups["body"].Value.Split('|').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
            if (members.All(s => s.StartsWith('"') && s.EndsWith('"')))
            {
                Unions.Add(m.Groups["name"].Value, [.. members.Select(s => s.Trim('"'))]);
            }
        }

        foreach (Match m in ConstObject().Matches(source))
        {
            Constants.Add(
                m.Groups["name"].Value,
                Entry().Matches(m.Groups["body"].Value).ToDictionary(e => e.Groups["key"].Value, e => e.Groups["value"].Value, StringComparer.Ordinal));
        }
    }

    /// <summary>A property of an interface: <c>name?: type;</c>.</summary>
    public sealed record Property(bool Optional, string Type)
    {
        /// <summary>The elements of a labelled tuple type (<c>[tenantId: string, level: number]</c>): label and type.</summary>
        public IReadOnlyList<(string Label, string Type)> TupleElements() =>
            Type.StartsWith('[') && Type.EndsWith(']')
                ? [.. Type[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(e => e.Split(':', 2, StringSplitOptions.TrimEntries))
                    .Select(e => e.Length == 2 ? (e[0], e[1]) : throw new FormatException($"'{Type}' is not a labelled tuple."))]
                : throw new FormatException($"'{Type}' is not a tuple.");
    }

    private static string WithoutComments(string source) => LineComment().Replace(BlockComment().Replace(source, string.Empty), string.Empty);

    [GeneratedRegex(@"export interface (?<name>\w+)\s*\{(?<body>[^{}]*)\}")]
    private static partial Regex Interface();

    [GeneratedRegex(@"^(?:readonly\s+)?(?<name>\w+)(?<optional>\?)?\s*:(?<type>.+);$")]
    private static partial Regex PropertyLine();

    [GeneratedRegex(@"export type (?<name>\w+)\s*=(?<body>[^;=]*);")]
    private static partial Regex Union();

    [GeneratedRegex(@"export const (?<name>\w+)\s*=\s*\{(?<body>[^{}]*)\}\s*as const;")]
    private static partial Regex ConstObject();

    [GeneratedRegex(@"(?<key>\w+):\s*""(?<value>[^""]*)""")]
    private static partial Regex Entry();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();
}
