using System.Globalization;
using System.Text;

namespace LbcCommunity.Host.Api;

/// <summary>RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break.</summary>
internal sealed class Csv
{
    private readonly StringBuilder _text = new();

    public Csv(params string[] header) => Line(header);

    public Csv Line(params object?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            _text.Append(Field(fields[i]));
        }

        _text.Append("\r\n");
        return this;
    }

    public IResult ToResult(string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(_text.ToString()), "text/csv; charset=utf-8", fileName);

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
