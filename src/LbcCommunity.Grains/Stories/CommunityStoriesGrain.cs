using LbcCommunity.Contracts;

namespace LbcCommunity.Grains.Stories;

[GenerateSerializer]
internal sealed class CommunityStoriesState
{
    [Id(0)] public List<string> StoryIds { get; set; } = [];

    /// <summary>People who have had a story published in the community: their later stories publish directly.</summary>
    [Id(1)] public HashSet<string> PublishedAuthors { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A community's shelf of stories (<see cref="ICommunityStoriesGrain"/>).</summary>
internal sealed class CommunityStoriesGrain(
    [PersistentState("communityStories", StorageNames.Grains)] IPersistentState<CommunityStoriesState> state) : PersistentGrain<CommunityStoriesState>(state), ICommunityStoriesGrain
{
    public async Task Reserve(string storyId)
    {
        if (!State.StoryIds.Contains(storyId))
        {
            State.StoryIds.Add(storyId);
            await Save();
        }
    }

    public Task<IReadOnlyList<string>> ListStoryIds() => Task.FromResult<IReadOnlyList<string>>([.. State.StoryIds]);

    public async Task RecordPublished(string personId)
    {
        if (State.PublishedAuthors.Add(personId))
        {
            await Save();
        }
    }

    public Task<bool> HasPublished(string personId) => Task.FromResult(State.PublishedAuthors.Contains(personId));
}
