using Azure.Storage.Blobs;
using LbcCommunity.Host.Storage;
using LbcCommunity.Stories;
using Npgsql;

namespace LbcCommunity.Host.Stories;

/// <summary>Embedded mode: each attachment a file under <c>{DataFolder}/attachments/{tenant}/{story}/{attachment}</c> (ids are slugs, so no path escapes).</summary>
internal sealed class FolderAttachmentStore(StorageOptions options) : IAttachmentStore
{
    private string PathOf(string tenantId, string storyId, string attachmentId) =>
        Path.Combine(Path.GetFullPath(options.DataFolder), "attachments", tenantId, storyId, attachmentId);

    public async Task Put(string tenantId, string storyId, string attachmentId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(tenantId, storyId, attachmentId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place: a reader never sees half a file.
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, content.ToArray(), cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    public async Task<byte[]?> Read(string tenantId, string storyId, string attachmentId, CancellationToken cancellationToken = default)
    {
        var path = PathOf(tenantId, storyId, attachmentId);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public Task Delete(string tenantId, string storyId, string attachmentId, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(tenantId, storyId, attachmentId));
        return Task.CompletedTask;
    }
}

/// <summary>Cluster mode: the table <c>story_attachment</c> of the cluster's PostgreSQL database (attachments are at most 4 MiB).</summary>
internal sealed class PostgresAttachmentStore(StorageOptions options) : IAttachmentStore, IDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(options.PostgresConnectionString!);

    public void Dispose() => _source.Dispose();

    public async Task Put(string tenantId, string storyId, string attachmentId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await using var command = _source.CreateCommand("""
            INSERT INTO story_attachment (tenant_id, story_id, attachment_id, content) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, story_id, attachment_id) DO UPDATE SET content = excluded.content
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = storyId });
        command.Parameters.Add(new NpgsqlParameter { Value = attachmentId });
        command.Parameters.Add(new NpgsqlParameter { Value = content.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> Read(string tenantId, string storyId, string attachmentId, CancellationToken cancellationToken = default)
    {
        await using var command = _source.CreateCommand("SELECT content FROM story_attachment WHERE tenant_id = $1 AND story_id = $2 AND attachment_id = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = storyId });
        command.Parameters.Add(new NpgsqlParameter { Value = attachmentId });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task Delete(string tenantId, string storyId, string attachmentId, CancellationToken cancellationToken = default)
    {
        await using var command = _source.CreateCommand("DELETE FROM story_attachment WHERE tenant_id = $1 AND story_id = $2 AND attachment_id = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = storyId });
        command.Parameters.Add(new NpgsqlParameter { Value = attachmentId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Azure mode: a blob container of its own, <c>attachments-{ServiceId}</c>, one blob per attachment named <c>{tenant}/{story}/{attachment}</c>.</summary>
internal sealed class BlobAttachmentStore(BlobContainerClient container) : IAttachmentStore
{
    private int _created;

    private async Task<BlobContainerClient> Container(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _created, 1, 0) == 0)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        return container;
    }

    public async Task Put(string tenantId, string storyId, string attachmentId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        await (await Container(cancellationToken)).GetBlobClient($"{tenantId}/{storyId}/{attachmentId}").UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);

    public async Task<byte[]?> Read(string tenantId, string storyId, string attachmentId, CancellationToken cancellationToken = default)
    {
        var blob = (await Container(cancellationToken)).GetBlobClient($"{tenantId}/{storyId}/{attachmentId}");
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (Azure.RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }

    public async Task Delete(string tenantId, string storyId, string attachmentId, CancellationToken cancellationToken = default) =>
        await (await Container(cancellationToken)).GetBlobClient($"{tenantId}/{storyId}/{attachmentId}").DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
