using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageBehaviour, IDisposable
{
    private readonly List<TemporaryFolder> _folders = [];

    private protected override StorageOptions NewStore()
    {
        var folder = new TemporaryFolder();
        _folders.Add(folder);
        return TestSilo.SqliteOptions(folder.Path, "svc-" + Guid.NewGuid().ToString("N"));
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            folder.Dispose();
        }
    }
}
