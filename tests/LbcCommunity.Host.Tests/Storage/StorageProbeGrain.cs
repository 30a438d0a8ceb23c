namespace LbcCommunity.Host.Tests.Storage;

/// <summary>Where and as which activation a grain runs.</summary>
[GenerateSerializer, Immutable]
public sealed record ActivationInfo([property: Id(0)] Guid ActivationId, [property: Id(1)] string SiloAddress);

/// <summary>A small grain that exercises the storage wiring: persistent state, reminders, placement.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task Remember(string value);

    Task<string?> Recall();

    Task<ActivationInfo> WhoAmI();

    Task SetReminder(string reminderName);

    Task<bool> HasReminder(string reminderName);
}

[GenerateSerializer]
public sealed class StorageProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}

public sealed class StorageProbeGrain(
    [PersistentState("probe", LbcCommunity.Grains.StorageNames.Grains)] IPersistentState<StorageProbeState> state,
    ILocalSiloDetails silo) : Grain, IStorageProbeGrain, IRemindable
{
    // Created once per activation: two callers that see the same value reached the same activation.
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task Remember(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> Recall() => Task.FromResult(state.State.Value);

    public Task<ActivationInfo> WhoAmI() => Task.FromResult(new ActivationInfo(_activationId, silo.SiloAddress.ToString()));

    public Task SetReminder(string reminderName) =>
        this.RegisterOrUpdateReminder(reminderName, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasReminder(string reminderName) => await this.GetReminder(reminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
