using System.Data.Common;
using System.Globalization;
using System.Text;
using LbcCommunity.Host.Storage;

namespace LbcCommunity.Host.Tests.Storage;

/// <summary>Raw SQL reads of a store, bypassing the providers.</summary>
internal static class StoreQueries
{
        internal static async Task<List<string>> HistoryAsync(StorageOptions options)
    {
        var rows = await DescribeAsync(options, $"SELECT id FROM {SchemaMigrator.HistoryTable} ORDER BY id");
        return [.. rows.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>The first column of every row, one per line.</summary>
    internal static async Task<string> DescribeAsync(StorageOptions options, string sql)
    {
        await using DbConnection connection = await StorageConnections.OpenAsync(options, createIfMissing: false, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            text.Append(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
