using Microsoft.Data.Sqlite;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>A folder of its own for a test's SQLite file, deleted afterwards.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lbc-tests", Guid.NewGuid().ToString("N"));
    }

    /// <summary>Not created yet: the code under test must create it.</summary>
    public string Path { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
