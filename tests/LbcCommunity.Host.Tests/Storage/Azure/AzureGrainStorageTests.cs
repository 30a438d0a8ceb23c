using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;
using Orleans.Reminders.AzureStorage;

namespace LbcCommunity.Host.Tests.Storage.Azure;

/// <summary>
/// What the grain store promises (<see cref="GrainStorageBehaviour"/>), on Azurite: grain state in a blob container of the
/// service, reminders in the reminders table; counted there directly, not through the providers.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureGrainStorageTests(Azurite azurite, PostgresFixture postgres) : GrainStorageBehaviour
{
    private protected override StorageOptions NewStore() =>
        TestSilo.AzureOptions(azurite.ConnectionString, postgres.ConnectionString, "svc-" + Guid.NewGuid().ToString("N"));

    private protected override async Task<long> CountStorageRowsAsync(StorageOptions options)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(AzureStorageClients.GrainStateContainer(options));
        long blobs = 0;
        await foreach (var _ in container.GetBlobsAsync())
        {
            blobs++;
        }

        return blobs;
    }

    private protected override async Task<long> CountRemindersAsync(StorageOptions options)
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzureTableReminderStorageOptions.DEFAULT_TABLE_NAME);
        long reminders = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            reminders += entity.GetString("ServiceId") == options.ServiceId ? 1 : 0;
        }

        return reminders;
    }
}
