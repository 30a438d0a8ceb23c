using System.Text.RegularExpressions;

namespace LbcCommunity.Tests.Web;

/// <summary>
/// The declarations of the web app's published wire types, read from their TypeScript source with a few patterns
/// rather than a TypeScript compiler, so the test needs no Node.js. The files keep to the shape these patterns know
/// (one property per line, named interfaces instead of inline object types); anything else is reported, not skipped.
/// </summary>
internal sealed partial class TypeScriptDeclarations
{
    /// <summary>Each exported interface's properties: name, and whether it is optional (<c>name?:</c>).</summary>
    public Dictionary<string, Dictionary<string, bool>> Interfaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Each exported union of string literals (<c>export type X = "A" | "B";</c>).</summary>
    public Dictionary<string, List<string>> Unions { get; } = new(StringComparer.Ordinal);

    /// <summary>Each exported constant object of string values (<c>export const X = { Key: "value", … } as const;</c>).</summary>
    public Dictionary<string, Dictionary<string, string>> Constants { get; } = new(StringComparer.Ordinal);

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
            var properties = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var line in m.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                var property = Property().Match(line);
                if (!property.Success)
                {
                    throw new FormatException($"interface {m.Groups["name"].Value}: '{line}' is not one property per line.");
                }

                properties.Add(property.Groups["name"].Value, property.Groups["optional"].Success);
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

    private static string WithoutComments(string source) => LineComment().Replace(BlockComment().Replace(source, string.Empty), string.Empty);

    [GeneratedRegex(@"export interface (?<name>\w+)\s*\{(?<body>[^{}]*)\}")]
    private static partial Regex Interface();

    [GeneratedRegex(@"^(?:readonly\s+)?(?<name>\w+)(?<optional>\?)?\s*:[^:]+;$")]
    private static partial Regex Property();

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
