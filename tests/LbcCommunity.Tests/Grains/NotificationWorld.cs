using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Notifications;
using LbcCommunity.Organization;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// A tenant with two communities of practice, <c>cop</c> and <c>other</c>, and helpers to put people on their rosters
/// (which makes them people of the tenant with memberships), as the notification tests need.
/// </summary>
internal sealed class NotificationWorld(IGrainFactory grains, string tenantId)
{
    public string TenantId { get; } = tenantId;

    public static async Task<NotificationWorld> Create(IGrainFactory grains)
    {
        var tenantId = await GrainWorld.NewTenant(grains);
        TenantScope.Enter(tenantId);
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        await tenant.StartCommunity(new CommunityDraft { Id = "cop", Name = "Parent Mentors" });
        await tenant.StartCommunity(new CommunityDraft { Id = "other", Name = "Transition CoP" });
        return new NotificationWorld(grains, tenantId);
    }

    /// <summary>A person on <paramref name="communityId"/>'s roster; their person id.</summary>
    public async Task<string> Member(string name, string communityId, bool facilitator = false)
    {
        TenantScope.Enter(TenantId);
        var email = $"{name.ToLowerInvariant()}@{TenantId}.test";
        await grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, communityId))
            .AddMember(new MemberDraft { DisplayName = name, Email = email, StakeholderRole = StakeholderRole.ParentMentor, IsFacilitator = facilitator });
        return await PersonId(email);
    }

    /// <summary>A state admin (state staff), on no roster.</summary>
    public async Task<string> StateAdmin(string name)
    {
        TenantScope.Enter(TenantId);
        var email = $"{name.ToLowerInvariant()}@{TenantId}.test";
        await grains.GetGrain<ITenantAccessGrain>(TenantId).SetStaff(new StaffDraft { Email = email, DisplayName = name, StateAdmin = true });
        return await PersonId(email);
    }

    public static string EmailOf(string name, string tenantId) => $"{name.ToLowerInvariant()}@{tenantId}.test";

    public IPersonNotificationsGrain Inbox(string personId) => grains.GetGrain<IPersonNotificationsGrain>(NotificationKeys.Person(TenantId, personId));

    public IStoryActivityGrain Activity => grains.GetGrain<IStoryActivityGrain>(TenantId);

    public IFollowersGrain Followers(FollowKind kind, string id) => grains.GetGrain<IFollowersGrain>(NotificationKeys.Followers(TenantId, kind, id));

    /// <summary>A story of <c>cop</c> published by <paramref name="actor"/>.</summary>
    public static StoryActivity Published(string storyId, string actor, StoryVisibility visibility, params string[] tags) => new()
    {
        ActivityId = $"{storyId}/published/1",
        Kind = StoryActivityKind.Published,
        StoryId = storyId,
        StoryTitle = $"Story {storyId}",
        CommunityId = "cop",
        Tags = tags,
        Visibility = visibility,
        ActorPersonId = actor,
        ActorDisplayName = "The author",
        Excerpt = "Together, we switched from a defensive position to an offensive one.",
        At = ClusterFixture.Clock.GetUtcNow(),
    };

    /// <summary>A comment by <paramref name="actor"/> on a story of <c>cop</c> whose participants are <paramref name="participants"/>.</summary>
    public static StoryActivity Commented(string storyId, string commentId, string actor, StoryVisibility visibility, params string[] participants) => new()
    {
        ActivityId = $"{storyId}/comment/{commentId}",
        Kind = StoryActivityKind.Commented,
        StoryId = storyId,
        StoryTitle = $"Story {storyId}",
        CommunityId = "cop",
        Visibility = visibility,
        ActorPersonId = actor,
        ActorDisplayName = "A commenter",
        ParticipantPersonIds = participants,
        Excerpt = "How did you start the homeroom monitors?",
        At = ClusterFixture.Clock.GetUtcNow(),
    };

    private async Task<string> PersonId(string email) =>
        (await grains.GetGrain<ITenantAccessGrain>(TenantId).ListPeople()).Single(p => p.Email == email).Id;
}
