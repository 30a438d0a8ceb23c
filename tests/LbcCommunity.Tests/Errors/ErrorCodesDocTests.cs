using System.Reflection;
using System.Text.RegularExpressions;
using LbcCommunity.Errors;

namespace LbcCommunity.Tests.Errors;

/// <summary>docs/errors.md lists exactly the codes of <see cref="ErrorCodes"/>, each once, so clients read what the server sends.</summary>
public sealed partial class ErrorCodesDocTests
{
    [Fact]
    public void The_documented_table_and_the_codes_in_the_code_are_the_same()
    {
        var declared = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)
            .ToList();
        var documented = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "errors.md"))
            .Select(line => TableRow().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.Equal(declared, documented.Order(StringComparer.Ordinal));
        Assert.Equal(documented.Count, documented.Distinct(StringComparer.Ordinal).Count());
        Assert.All(declared, code => Assert.Matches("^[a-z]+(-[a-z]+)*$", code));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LbcCommunity.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (LbcCommunity.sln) is not above the test's folder.");
    }

    [GeneratedRegex(@"^\| `([a-z-]+)` \|")]
    private static partial Regex TableRow();
}
