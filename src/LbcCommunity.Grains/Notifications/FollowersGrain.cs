using LbcCommunity.Contracts;

namespace LbcCommunity.Grains.Notifications;

[GenerateSerializer]
internal sealed class FollowersState
{
    [Id(0)] public List<string> PersonIds { get; set; } = [];
}

/// <summary>The people who follow one community or tag: an index the person's own grain keeps.</summary>
internal sealed class FollowersGrain(
    [PersistentState("followers", StorageNames.Grains)] IPersistentState<FollowersState> state) : PersistentGrain<FollowersState>(state), IFollowersGrain
{
    public async Task Add(string personId)
    {
        if (!State.PersonIds.Contains(personId))
        {
            State.PersonIds.Add(personId);
            await Save();
        }
    }

    public async Task Remove(string personId)
    {
        if (State.PersonIds.Remove(personId))
        {
            await Save();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. State.PersonIds]);
}
