namespace LbcCommunity.Host.Storage;

/// <summary>
/// Runs the schema migrations as the very first step of the silo's start.
/// </summary>
/// <remarks>
/// A hosted service would have to be registered before <c>UseOrleans</c> to run first, a rule a
/// caller can break without noticing. The silo lifecycle does not depend on registration order:
/// every ADO.NET provider loads its queries from <c>OrleansQuery</c> at a later stage
/// (membership at runtime initialisation, grain storage at application services, reminders after
/// that), so a participant at <see cref="ServiceLifecycleStage.First"/> always migrates before any
/// of them reads the store, and a failed migration stops the silo from starting.
/// </remarks>
internal sealed class SchemaMigrationLifecycleParticipant(SchemaMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(SchemaMigrationLifecycleParticipant),
            ServiceLifecycleStage.First,
            async cancellationToken => await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false));
}
