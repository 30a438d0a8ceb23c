using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace LbcCommunity.Host.Storage;

/// <summary>How the silo reaches its storage account in <see cref="StorageMode.Azure"/>, and the checks of that setting.</summary>
internal static partial class AzureStorageClients
{
    private const string ContainerPrefix = "grains-";

    private static string Key(string name) => $"{AzureStorageOptions.SectionName}:{name}";

    /// <summary>
    /// Refuses an Azure setting that cannot work, naming the key to set: a connection string or both endpoints (not
    /// both ways at once), absolute endpoints, and a container name Blob storage accepts.
    /// </summary>
    internal static void Validate(StorageOptions options)
    {
        var azure = options.Azure ?? throw new InvalidOperationException($"{AzureStorageOptions.SectionName} is required when {StorageOptions.SectionName}:{nameof(StorageOptions.Mode)} is {StorageMode.Azure}.");
        var hasConnectionString = !string.IsNullOrWhiteSpace(azure.ConnectionString);
        var hasTables = !string.IsNullOrWhiteSpace(azure.TableServiceUri);
        var hasBlobs = !string.IsNullOrWhiteSpace(azure.BlobServiceUri);
        if (hasConnectionString && (hasTables || hasBlobs))
        {
            throw new InvalidOperationException(
                $"{Key(nameof(AzureStorageOptions.ConnectionString))} and {Key(hasTables ? nameof(AzureStorageOptions.TableServiceUri) : nameof(AzureStorageOptions.BlobServiceUri))} are both set: " +
                "set either the connection string (emulator, account key) or the two service endpoints (managed identity).");
        }

        if (!hasConnectionString)
        {
            if (!hasTables || !hasBlobs)
            {
                var missing = !hasTables ? nameof(AzureStorageOptions.TableServiceUri) : nameof(AzureStorageOptions.BlobServiceUri);
                throw new InvalidOperationException(
                    $"{Key(missing)} is required when {StorageOptions.SectionName}:{nameof(StorageOptions.Mode)} is {StorageMode.Azure} " +
                    $"(or set {Key(nameof(AzureStorageOptions.ConnectionString))} instead of both endpoints).");
            }

            RequireEndpoint(azure.TableServiceUri!, nameof(AzureStorageOptions.TableServiceUri));
            RequireEndpoint(azure.BlobServiceUri!, nameof(AzureStorageOptions.BlobServiceUri));
        }

        var container = GrainStateContainer(options);
        if (!ContainerName().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The grain state container '{container}' is not a valid blob container name (3-63 lowercase letters, digits and single hyphens): " +
                $"set {Key(nameof(AzureStorageOptions.GrainStateContainer))}, or a service id ({StorageOptions.SectionName}:{nameof(StorageOptions.ServiceId)}) that makes one.");
        }
    }

    /// <summary>The container of grain state: the one configured, or <c>grains-</c> and the service id in the characters a container name allows.</summary>
    internal static string GrainStateContainer(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Azure.GrainStateContainer))
        {
            return options.Azure.GrainStateContainer;
        }

        return ServiceContainer(ContainerPrefix, options);
    }

    /// <summary>The container of stories' attachments: <c>attachments-</c> and the service id (docs/stories.md).</summary>
    internal static string AttachmentContainer(StorageOptions options) => ServiceContainer("attachments-", options);

    private static string ServiceContainer(string prefix, StorageOptions options)
    {
        var name = new StringBuilder(prefix);
        foreach (var c in options.ServiceId.ToLowerInvariant())
        {
            var allowed = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-';
            if (allowed != '-' || name[^1] != '-')
            {
                name.Append(allowed);
            }
        }

        var built = name.ToString().TrimEnd('-');
        return built.Length > 63 ? built[..63].TrimEnd('-') : built;
    }

    /// <summary>The credential of the endpoints; one per silo, so every provider shares its cached tokens.</summary>
    internal static TokenCredential Credential(AzureStorageOptions azure) =>
        string.IsNullOrWhiteSpace(azure.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(azure.ManagedIdentityClientId));

    internal static bool UsesConnectionString(AzureStorageOptions azure) => !string.IsNullOrWhiteSpace(azure.ConnectionString);

    internal static TableServiceClient Tables(AzureStorageOptions azure, TokenCredential? credential) =>
        UsesConnectionString(azure)
            ? new TableServiceClient(azure.ConnectionString)
            : new TableServiceClient(new Uri(azure.TableServiceUri!), credential ?? Credential(azure));

    internal static BlobServiceClient Blobs(AzureStorageOptions azure, TokenCredential? credential) =>
        UsesConnectionString(azure)
            ? new BlobServiceClient(azure.ConnectionString)
            : new BlobServiceClient(new Uri(azure.BlobServiceUri!), credential ?? Credential(azure));

    // A bearer token travels only over TLS: the SDK refuses an http:// endpoint with a credential.
    private static void RequireEndpoint(string value, string name)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"{Key(name)} is '{value}': an absolute https:// endpoint of the storage account.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerName();
}
