using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Storage.Azure;

/// <summary>One Azurite (and one PostgreSQL database for what stays relational) for every Azure storage test; each test keeps to a service id of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<Azurite>, ICollectionFixture<PostgresFixture>
{
    public const string Name = "Azure Storage (Azurite)";
}
