using Azure.Core;
using LbcCommunity.Grains;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace LbcCommunity.Host.Storage;

public static partial class StorageHostingExtensions
{
    /// <summary>
    /// Azure mode: membership and reminders in Table storage, grain state in Blob storage, all through Orleans' own
    /// providers. Grain state is not in Table storage because the table provider holds at most 15 properties of
    /// 64 KB (960 KB) per grain, and a convening's people record reaches about 1 MB at 5,000 participants; a blob
    /// holds it whole (docs/architecture.md, "Where the data lives").
    /// </summary>
    private static void UseAzureStores(ISiloBuilder silo, StorageOptions options)
    {
        var azure = options.Azure;
        // One credential for the three providers, so they share its cached tokens; none with a connection string.
        TokenCredential? credential = AzureStorageClients.UsesConnectionString(azure) ? null : AzureStorageClients.Credential(azure);

        silo.UseAzureStorageClustering(clustering => clustering.TableServiceClient = AzureStorageClients.Tables(azure, credential));

        silo.AddAzureBlobGrainStorage(StorageNames.Grains, (OptionsBuilder<AzureBlobStorageOptions> storage) => storage.Configure<Serializer>((store, serializer) =>
        {
            store.BlobServiceClient = AzureStorageClients.Blobs(azure, credential);
            store.ContainerName = AzureStorageClients.GrainStateContainer(options);
            // The same serializer as the ADO.NET modes: version tolerant through the [Id]s, no type names stored.
            store.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

        silo.UseAzureTableReminderService(reminders => reminders.TableServiceClient = AzureStorageClients.Tables(azure, credential));
    }
}
