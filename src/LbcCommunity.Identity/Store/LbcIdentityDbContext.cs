using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LbcCommunity.Identity.Store;

/// <summary>
/// OpenIddict's applications, authorizations, scopes and tokens, and ASP.NET Core's data-protection keys (which
/// protect sign-in cookies and identity-provider secrets alike on every silo).
/// </summary>
public sealed class LbcIdentityDbContext(DbContextOptions<LbcIdentityDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Database.IsNpgsql())
        {
            // A schema of its own keeps these tables apart from the grain store's.
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.UseOpenIddict();
        base.OnModelCreating(modelBuilder);
    }
}
