using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Storage;

public sealed class PostgresGrainStorageTests(PostgresFixture postgres) : GrainStorageBehaviour, IClassFixture<PostgresFixture>
{
    // One database per class; each test keeps to its own service and cluster id inside it.
    private protected override StorageOptions NewStore() =>
        TestSilo.PostgresOptions(postgres.ConnectionString, "svc-" + Guid.NewGuid().ToString("N"));
}
