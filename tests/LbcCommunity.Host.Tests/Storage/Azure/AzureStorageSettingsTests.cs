using LbcCommunity.Host.Storage;

namespace LbcCommunity.Host.Tests.Storage.Azure;

/// <summary>An Azure setting that cannot work stops the host at start with the key to set.</summary>
public sealed class AzureStorageSettingsTests
{
    private const string Postgres = "Host=127.0.0.1;Database=lbc";

    [Fact]
    public void Azure_mode_without_PostgreSQL_names_the_PostgreSQL_key()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => StorageConnections.Validate(Options(azure => azure.ConnectionString = "UseDevelopmentStorage=true", postgres: null)));
        Assert.Contains("Storage:PostgresConnectionString", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "Storage:Azure:TableServiceUri")]
    [InlineData("https://lbc.table.core.windows.net", null, "Storage:Azure:BlobServiceUri")]
    [InlineData(null, "https://lbc.blob.core.windows.net", "Storage:Azure:TableServiceUri")]
    [InlineData("http://lbc.table.core.windows.net", "https://lbc.blob.core.windows.net", "Storage:Azure:TableServiceUri")]
    [InlineData("https://lbc.table.core.windows.net", "lbc.blob", "Storage:Azure:BlobServiceUri")]
    public void Azure_mode_without_a_usable_endpoint_names_its_key(string? tables, string? blobs, string key)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => StorageConnections.Validate(Options(azure =>
        {
            azure.TableServiceUri = tables;
            azure.BlobServiceUri = blobs;
        })));
        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_and_an_endpoint_at_once_are_refused()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => StorageConnections.Validate(Options(azure =>
        {
            azure.ConnectionString = "UseDevelopmentStorage=true";
            azure.TableServiceUri = "https://lbc.table.core.windows.net";
        })));
        Assert.Contains("Storage:Azure:ConnectionString", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_identity_endpoints_or_a_connection_string_are_accepted_and_the_container_follows_the_service_id()
    {
        StorageConnections.Validate(Options(azure =>
        {
            azure.TableServiceUri = "https://lbc.table.core.windows.net";
            azure.BlobServiceUri = "https://lbc.blob.core.windows.net";
            azure.ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001";
        }));
        var options = Options(azure => azure.ConnectionString = "UseDevelopmentStorage=true");
        options.ServiceId = "LBC_Community.prod";
        StorageConnections.Validate(options);
        Assert.Equal("grains-lbc-community-prod", AzureStorageClients.GrainStateContainer(options));
    }

    [Fact]
    public void A_container_name_Blob_storage_would_refuse_names_the_container_key()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => StorageConnections.Validate(Options(azure =>
        {
            azure.ConnectionString = "UseDevelopmentStorage=true";
            azure.GrainStateContainer = "Grain_State";
        })));
        Assert.Contains("Storage:Azure:GrainStateContainer", refused.Message, StringComparison.Ordinal);
    }

    private static StorageOptions Options(Action<AzureStorageOptions> azure, string? postgres = Postgres)
    {
        var options = new StorageOptions { Mode = StorageMode.Azure, PostgresConnectionString = postgres };
        azure(options.Azure);
        return options;
    }
}
