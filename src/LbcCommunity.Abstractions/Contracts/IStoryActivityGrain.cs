using LbcCommunity.Stories;

namespace LbcCommunity.Contracts;

/// <summary>
/// The tenant's story activity: what was published and commented, handed on to the people who follow the story's
/// community or one of its tags, and to the story's participants. Keyed by the tenant id.
/// </summary>
public interface IStoryActivityGrain : IGrainWithStringKey
{
    /// <summary>Records one activity and notifies the people it concerns; idempotent by <see cref="StoryActivity.ActivityId"/>.</summary>
    Task Record(StoryActivity activity);
}
