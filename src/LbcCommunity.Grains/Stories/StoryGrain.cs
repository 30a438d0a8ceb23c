using System.Security.Cryptography;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Ratings;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LbcCommunity.Grains.Stories;

[GenerateSerializer]
internal sealed class StoryState
{
    [Id(0)] public Story? Story { get; set; }

    /// <summary>The outbox: the story's version the search index is known to hold. Behind <see cref="Story.Version"/> means a write is owed.</summary>
    [Id(1)] public long IndexedVersion { get; set; }

    /// <summary>Whether the outbox's durable reminder is registered.</summary>
    [Id(2)] public bool OutboxReminder { get; set; }

    /// <summary>Whether the community's shelf knows that the author had this story published (owed after each publication).</summary>
    [Id(3)] public bool AuthorRecorded { get; set; } = true;

    /// <summary>
    /// Publications not yet handed to the tenant's activity grain (the followers' notifications): stored with the
    /// publication itself, paid by <see cref="StoryGrain"/>'s outbox. Comments' activities are owed in the conversation.
    /// </summary>
    [Id(4)] public List<StoryActivity> OwedActivities { get; set; } = [];
}

/// <summary>
/// A success story (<see cref="IStoryGrain"/>). Every change is stored first, with the index's write owed in the state
/// (the outbox), then written to the search index; a write that fails is owed until the next activation or the outbox's
/// reminder pays it. The index takes a version only if it is newer, so paying twice changes nothing. The same outbox
/// hands publications and comments to the tenant's activity grain (<see cref="IStoryActivityGrain"/>), which tells each
/// person once per activity id, so a hand-over paid twice tells nobody twice.
/// </summary>
internal sealed partial class StoryGrain(
    [PersistentState("story", StorageNames.Grains)] IPersistentState<StoryState> state,
    [PersistentState("storyConversation", StorageNames.Grains)] IPersistentState<StoryConversation> conversation,
    IStoryIndex index,
    IGrainFactory grains,
    ILogger<StoryGrain> logger,
    IOptions<ReminderOptions> reminders,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<StoryState>(state), IStoryGrain, IRemindable
{
    internal const string OutboxReminderName = "story-index-outbox";

    private string Key => this.GetPrimaryKeyString();

    private string TenantId => GrainKeys.TenantOf(Key);

    private string StoryId => GrainKeys.LocalIdOf(Key);

    private Story Current => State.Story ?? throw new EntityNotFoundException("Story", StoryId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (OutboxOwed)
        {
            // An activation or a reminder carries no caller's tenant: the story's own goes with the calls it makes.
            TenantScope.Enter(TenantId);
            await DrainOutbox();
        }
    }

    public async Task<Story> Create(string communityId, StoryDraft draft, StoryViewer author)
    {
        StoryRules.Validate(draft);
        if (draft.Id is not null && draft.Id != StoryId)
        {
            throw DomainValidationException.For("id", $"'id' is '{draft.Id}' but the story is '{StoryId}'.");
        }

        if (await grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, communityId)).TryGet() is null)
        {
            throw new EntityNotFoundException("Community of practice", communityId);
        }

        if (!StoryRules.CanWriteIn(communityId, author))
        {
            throw new AccessDeniedException("Only the community's members and facilitators write its stories.");
        }

        if (State.Story is not null)
        {
            throw new EntityConflictException("id", $"Story '{StoryId}' already exists.");
        }

        var facts = await ReadFacts(draft, author);
        await grains.GetGrain<ICommunityStoriesGrain>(GrainKeys.Of(TenantId, communityId)).Reserve(StoryId);
        var now = time.GetUtcNow();
        var story = Compose(draft, facts) with
        {
            Id = StoryId,
            CommunityId = communityId,
            AuthorPersonId = author.PersonId,
            AuthorName = author.DisplayName,
            Status = StoryStatus.Draft,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await Commit(story);
        return View(story, author);
    }

    public Task<Story> Read(StoryViewer viewer, string? shareToken = null)
    {
        var story = Current;
        return StoryRules.CanRead(story, viewer, shareToken) ? Task.FromResult(View(story, viewer)) : throw new EntityNotFoundException("Story", StoryId);
    }

    public Task<Story?> TryGet(StoryViewer viewer) =>
        Task.FromResult(State.Story is { } story && StoryRules.CanRead(story, viewer) ? View(story, viewer) : null);

    public async Task<Story> Update(StoryDraft draft, StoryViewer author)
    {
        var current = Readable(author);
        StoryRules.RequireEditable(current, author);
        StoryRules.Validate(draft);
        if (draft.Id is not null && draft.Id != StoryId)
        {
            throw DomainValidationException.For("id", $"'id' is '{draft.Id}' but the story is '{StoryId}'.");
        }

        var facts = await ReadFacts(draft, author);
        var composed = Compose(draft, facts);
        var story = current with
        {
            Title = composed.Title,
            Summary = composed.Summary,
            Body = composed.Body,
            Visibility = composed.Visibility,
            TeamId = composed.TeamId,
            RegionId = composed.RegionId,
            Challenge = composed.Challenge,
            Habits = composed.Habits,
            RowIds = composed.RowIds,
            Tools = composed.Tools,
            OtherTool = composed.OtherTool,
            Outcomes = composed.Outcomes,
            DepthChanges = composed.DepthChanges,
            Quotes = composed.Quotes,
            Tags = composed.Tags,
            ShareToken = current.ShareToken ?? composed.ShareToken,
            Version = current.Version + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        await Commit(story);
        return View(story, author);
    }

    public async Task<Story> Transition(StoryTransition transition, StoryViewer viewer)
    {
        var current = Readable(viewer);
        var trusted = transition.Action == StoryAction.Submit
            && await grains.GetGrain<ICommunityStoriesGrain>(GrainKeys.Of(TenantId, current.CommunityId)).HasPublished(current.AuthorPersonId);
        var now = time.GetUtcNow();
        var story = StoryRules.Transition(current, transition, viewer, trusted, now);
        var published = story.Status == StoryStatus.Published && current.Status != StoryStatus.Published;
        if (published)
        {
            // Owed with the publication, in the same write: acknowledged means the followers will hear of it.
            State.AuthorRecorded = false;
            State.OwedActivities.Add(StoryRules.Published(story, viewer, now));
        }

        await Commit(story);
        return View(story, viewer);
    }

    public async Task<bool> Reindex()
    {
        if (State.Story is not { } story)
        {
            return false;
        }

        State.IndexedVersion = await index.Apply(StoryIndexing.EntryOf(TenantId, story));
        if (story.Status == StoryStatus.Published)
        {
            await grains.GetGrain<ICommunityStoriesGrain>(GrainKeys.Of(TenantId, story.CommunityId)).RecordPublished(story.AuthorPersonId);
            State.AuthorRecorded = true;
        }

        await Save();
        return true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != OutboxReminderName)
        {
            return;
        }

        TenantScope.Enter(TenantId);
        await DrainOutbox();
        if (!OutboxOwed && await this.GetReminder(OutboxReminderName) is { } stray)
        {
            // Registered for a change that was never stored (its write failed): nothing is owed, so it goes.
            await this.UnregisterReminder(stray);
        }
    }

    /// <summary>The story, if the viewer may read it; otherwise not found (a story one may not read does not exist for them).</summary>
    private Story Readable(StoryViewer viewer) =>
        StoryRules.CanRead(Current, viewer) ? Current : throw new EntityNotFoundException("Story", StoryId);

    private bool OutboxOwed => State.Story is { } story
        && (State.IndexedVersion < story.Version || !State.AuthorRecorded || State.OutboxReminder
            || State.OwedActivities.Count > 0 || conversation.State.OwedActivities.Count > 0);

    private bool ActivitiesOwed => State.OwedActivities.Count > 0 || conversation.State.OwedActivities.Count > 0;

    /// <summary>Stores the story with the index's write owed (and the reminder that pays it registered first), then pays it.</summary>
    private async Task Commit(Story story)
    {
        await EnsureOutboxReminder();
        State.Story = story;
        await Save();
        await DrainOutbox();
    }

    /// <summary>
    /// Registers the outbox's durable reminder before something owed is stored: if the silo dies between the store and
    /// the payment, the reminder activates the story and pays. Its period is Orleans' minimum reminder period (a
    /// minute unless the host lowers it).
    /// </summary>
    private async Task EnsureOutboxReminder()
    {
        if (!State.OutboxReminder)
        {
            var period = reminders.Value.MinimumReminderPeriod;
            await Save(() => this.RegisterOrUpdateReminder(OutboxReminderName, period, period));
            State.OutboxReminder = true;
        }
    }

    /// <summary>
    /// Pays what the outbox owes: the index's entry, the author's standing on the community's shelf, the activities
    /// owed to the followers (oldest first); then drops the reminder. Each is paid on its own: a failure is logged and
    /// left owed (the story itself is stored), and the reminder or the next activation tries again.
    /// </summary>
    private async Task DrainOutbox()
    {
        if (State.Story is not { } story)
        {
            return;
        }

        try
        {
            if (State.IndexedVersion < story.Version)
            {
                State.IndexedVersion = await index.Apply(StoryIndexing.EntryOf(TenantId, story));
            }

            if (!State.AuthorRecorded && story.Status == StoryStatus.Published)
            {
                await grains.GetGrain<ICommunityStoriesGrain>(GrainKeys.Of(TenantId, story.CommunityId)).RecordPublished(story.AuthorPersonId);
            }

            State.AuthorRecorded = true;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogOutboxOwed(logger, error, Key, story.Version, State.IndexedVersion);
        }

        var conversationOwed = conversation.State.OwedActivities.Count;
        await HandOver(State.OwedActivities);
        await HandOver(conversation.State.OwedActivities);

        try
        {
            // What was paid is stored first, while the reminder is still registered: should a write fail, it pays again.
            if (conversation.State.OwedActivities.Count != conversationOwed)
            {
                await Save(conversation);
            }

            await Save();
            if (State.OutboxReminder && State.IndexedVersion >= story.Version && State.AuthorRecorded && !ActivitiesOwed)
            {
                if (await this.GetReminder(OutboxReminderName) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                State.OutboxReminder = false;
                await Save();
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogOutboxOwed(logger, error, Key, story.Version, State.IndexedVersion);
        }
    }

    /// <summary>
    /// Hands the owed activities to the tenant's activity grain, oldest first, each removed once it took it; stops at
    /// the first failure (the rest stay owed, in order). Recording an activity again tells nobody twice (its id).
    /// </summary>
    private async Task HandOver(List<StoryActivity> owed)
    {
        while (owed.Count > 0)
        {
            var activity = owed[0];
            try
            {
                await grains.GetGrain<IStoryActivityGrain>(TenantId).Record(activity);
                LogAnnounced(logger, Key, activity.ActivityId, activity.Kind);
            }
            catch (DomainValidationException error)
            {
                // The activity grain will never take it: dropped, not retried for ever.
                LogActivityRefused(logger, error, Key, activity.ActivityId);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogAnnounceFailed(logger, error, Key, activity.ActivityId);
                return;
            }

            owed.RemoveAt(0);
        }
    }

    /// <summary>The facts the server reads rather than the author types: the team's region and its depth changes.</summary>
    private async Task<(string? RegionId, IReadOnlyList<DepthChange> DepthChanges)> ReadFacts(StoryDraft draft, StoryViewer author)
    {
        var catalog = grains.GetGrain<IRubricCatalogGrain>(TenantId);
        var rubric = await catalog.GetVersion(await catalog.LatestVersion());
        StoryRules.RequireKnownRows(draft, rubric.Rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
        if (draft.TeamId is not { } teamId)
        {
            return (null, []);
        }

        if (!author.IsStateAdmin && !author.TeamIds.Contains(teamId))
        {
            throw DomainValidationException.For("teamId", $"'teamId': you are not on team '{teamId}'; name your own team.");
        }

        var team = grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, teamId));
        var found = await team.TryGet() ?? throw DomainValidationException.For("teamId", $"'teamId': team '{teamId}' does not exist.");
        if (draft.DepthChanges is not { Count: > 0 } asked)
        {
            return (found.RegionId, []);
        }

        var tenant = await grains.GetGrain<ITenantGrain>(TenantId).TryGet();
        var ratings = await team.ListRatings(RatingKind.Consensus);
        return (found.RegionId, StoryRules.ReadDepthChanges(asked, ratings, tenant?.FiscalYearStartMonth ?? LbcCommunity.RollUps.FiscalCalendar.DefaultStartMonth));
    }

    private static Story Compose(StoryDraft draft, (string? RegionId, IReadOnlyList<DepthChange> DepthChanges) facts)
    {
        var visibility = draft.Visibility ?? StoryVisibility.Community;
        return new Story
        {
            Id = string.Empty,
            CommunityId = string.Empty,
            AuthorPersonId = string.Empty,
            AuthorName = string.Empty,
            Status = StoryStatus.Draft,
            Version = 0,
            CreatedAt = default,
            UpdatedAt = default,
            Title = draft.Title!.Trim(),
            Summary = Trimmed(draft.Summary),
            Body = draft.Body,
            Visibility = visibility,
            TeamId = draft.TeamId,
            RegionId = facts.RegionId,
            Challenge = draft.Challenge is { } c ? c with { Text = c.Text!.Trim() } : null,
            Habits = draft.Habits ?? [],
            RowIds = draft.RowIds ?? [],
            Tools = draft.Tools ?? [],
            OtherTool = Trimmed(draft.OtherTool),
            Outcomes = draft.Outcomes ?? [],
            DepthChanges = facts.DepthChanges,
            Quotes = draft.Quotes ?? [],
            Tags = draft.Tags ?? [],
            ShareToken = visibility == StoryVisibility.Link ? NewShareToken() : null,
        };
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>32 random bytes, URL-safe base64: the link's secret, never guessed.</summary>
    private static string NewShareToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Story {Key}: handing activity {ActivityId} to the followers failed; it stays owed, the outbox's reminder hands it over.")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception error, string key, string activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Story {Key} is stored at version {Version} but its search entry is at {Indexed}: owed, the outbox's reminder writes it.")]
    private static partial void LogOutboxOwed(ILogger logger, Exception error, string key, long version, long indexed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Story {Key}: the activity grain refused activity {ActivityId}; it is dropped.")]
    private static partial void LogActivityRefused(ILogger logger, Exception error, string key, string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Story {Key}: activity {ActivityId} ({Kind}) handed to the followers.")]
    private static partial void LogAnnounced(ILogger logger, string key, string activityId, StoryActivityKind kind);
}
