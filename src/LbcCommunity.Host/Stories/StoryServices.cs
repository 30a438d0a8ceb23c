using LbcCommunity.Host.Storage;
using LbcCommunity.Stories;

namespace LbcCommunity.Host.Stories;

/// <summary>Wires the stories' search index, attachment store and Markdown renderer for the storage mode.</summary>
internal static class StoryServices
{
    /// <summary>
    /// Embedded: both in the data folder (the SQLite file; files under <c>attachments/</c>). Cluster: the cluster's
    /// PostgreSQL. Azure: the index in the PostgreSQL that holds OpenIddict's stores, attachments in a blob container
    /// of their own.
    /// </summary>
    public static IServiceCollection AddLbcStories(this IServiceCollection services, StorageOptions storage)
    {
        services.AddSingleton<StoryMarkdown>();
        if (storage.Mode == StorageMode.Embedded)
        {
            services.AddSingleton<IStoryIndex>(new SqliteStoryIndex(storage));
            services.AddSingleton<IAttachmentStore>(new FolderAttachmentStore(storage));
            return services;
        }

        services.AddSingleton<IStoryIndex>(_ => new PostgresStoryIndex(storage));
        if (storage.Mode == StorageMode.Azure)
        {
            services.AddSingleton<IAttachmentStore>(_ =>
            {
                var azure = storage.Azure;
                var credential = AzureStorageClients.UsesConnectionString(azure) ? null : AzureStorageClients.Credential(azure);
                return new BlobAttachmentStore(AzureStorageClients.Blobs(azure, credential).GetBlobContainerClient(AzureStorageClients.AttachmentContainer(storage)));
            });
        }
        else
        {
            services.AddSingleton<IAttachmentStore>(_ => new PostgresAttachmentStore(storage));
        }

        return services;
    }
}
