using Microsoft.Extensions.DependencyInjection;
using LbcCommunity.Contracts;
namespace LbcCommunity.Grains.Convenings;

[GenerateSerializer]
internal sealed class JoinCodeState
{
    [Id(0)] public JoinCodeTarget? Target { get; set; }
}

/// <summary>One join code's convening. The convening's own list stays the authority on whether the code is revoked.</summary>
internal sealed class JoinCodeGrain(
    [PersistentState("joincode", StorageNames.Grains)] IPersistentState<JoinCodeState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<JoinCodeState>(state), IJoinCodeGrain
{
    public async Task Register(JoinCodeTarget target)
    {
        if (State.Target is not null && State.Target != target)
        {
            // Codes are random and long enough that this means a retry with different data, never a collision to hide.
            throw new InvalidOperationException("This join code is already registered for another convening.");
        }

        State.Target = target;
        await Save();
    }

    public Task<JoinCodeTarget?> Resolve() => Task.FromResult(
        State.Target is { Revoked: false } target && time.GetUtcNow() < target.ExpiresAt ? target : null);

    public async Task Revoke()
    {
        if (State.Target is { Revoked: false } target)
        {
            State.Target = target with { Revoked = true };
            await Save();
        }
    }
}
