using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Notifications;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Notifications;

[GenerateSerializer]
internal sealed class StoryActivityState
{
    /// <summary>The activity ids whose people have all been told, oldest first (the newest <see cref="StoryActivityGrain.Remembered"/>).</summary>
    [Id(0)] public List<string> Recorded { get; set; } = [];
}

/// <summary>
/// The tenant's story activity (<see cref="IStoryActivityGrain"/>): finds who is told (<see cref="NotificationRules.Recipients"/>)
/// and puts the activity in each one's inbox. An activity is marked recorded only once every inbox took it; a retry
/// after a failure in between tells the rest, and the inboxes that already hold it ignore it.
/// </summary>
internal sealed class StoryActivityGrain(
    [PersistentState("storyActivity", StorageNames.Grains)] IPersistentState<StoryActivityState> state,
    IGrainFactory grains) : PersistentGrain<StoryActivityState>(state), IStoryActivityGrain
{
    /// <summary>Activity ids remembered here; an older one recorded again still reaches nobody twice (each inbox remembers its own).</summary>
    public const int Remembered = 10_000;

    /// <summary>Above this many people to look up, the tenant's whole list is read once instead of one by one.</summary>
    private const int LookUpOneByOne = 25;

    private HashSet<string>? _recorded;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task Record(StoryActivity activity)
    {
        NotificationRules.Validate(activity);
        _recorded ??= new HashSet<string>(State.Recorded, StringComparer.Ordinal);
        if (_recorded.Contains(activity.ActivityId))
        {
            return;
        }

        var community = await grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, activity.CommunityId)).TryGet();
        var communityFollowers = await Followers(FollowKind.Community, activity.CommunityId);
        var tags = activity.Tags.Distinct(StringComparer.Ordinal).ToList();
        var followersOfTags = await Task.WhenAll(tags.Select(tag => Followers(FollowKind.Tag, tag)));
        var tagFollowers = tags.Zip(followersOfTags).ToDictionary(t => t.First, t => t.Second, StringComparer.Ordinal);

        var candidates = communityFollowers.Concat(tagFollowers.Values.SelectMany(f => f))
            .Concat(activity.Kind == StoryActivityKind.Commented ? activity.ParticipantPersonIds : [])
            .Where(id => id != activity.ActorPersonId)
            .ToHashSet(StringComparer.Ordinal);
        var people = await People(candidates);
        var recipients = NotificationRules.Recipients(activity, communityFollowers, tagFollowers, id => people.GetValueOrDefault(id));

        await Task.WhenAll(recipients.Select(r =>
            grains.GetGrain<IPersonNotificationsGrain>(NotificationKeys.Person(TenantId, r.PersonId)).Deliver(activity, r, community?.Name ?? activity.CommunityId)));

        State.Recorded.Add(activity.ActivityId);
        _recorded.Add(activity.ActivityId);
        if (State.Recorded.Count > Remembered)
        {
            _recorded.Remove(State.Recorded[0]);
            State.Recorded.RemoveAt(0);
        }

        await Save();
    }

    private Task<IReadOnlyList<string>> Followers(FollowKind kind, string id) =>
        grains.GetGrain<IFollowersGrain>(NotificationKeys.Followers(TenantId, kind, id)).List();

    private async Task<Dictionary<string, Person>> People(HashSet<string> personIds)
    {
        var access = grains.GetGrain<ITenantAccessGrain>(TenantId);
        if (personIds.Count > LookUpOneByOne)
        {
            return (await access.ListPeople()).Where(p => personIds.Contains(p.Id)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        }

        var found = await Task.WhenAll(personIds.Select(async id =>
        {
            try
            {
                return await access.GetPerson(id);
            }
            catch (EntityNotFoundException)
            {
                // Someone who is no longer a person of the tenant is told nothing.
                return null;
            }
        }));
        return found.OfType<Person>().ToDictionary(p => p.Id, StringComparer.Ordinal);
    }
}
