using LbcCommunity.Notifications;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// The daily digest on the cluster: its reminder ticks every second of real time here, and the fake domain clock says
/// when a digest is due (<see cref="ClusterFixture.Clock"/>), so a day passes when the test moves the clock.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DigestGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task The_reminder_sends_one_digest_once_the_clock_reaches_the_digest_hour_and_none_while_nothing_is_new()
    {
        var (world, author, reader) = await Reader();
        TenantScope.Enter(world.TenantId);
        var inbox = world.Inbox(reader);
        var email = NotificationWorld.EmailOf("Reader", world.TenantId);
        await world.Activity.Record(NotificationWorld.Published("cafe", author, StoryVisibility.Community));
        await world.Activity.Record(NotificationWorld.Commented("cafe", "c-1", author, StoryVisibility.Community, reader));

        var early = await inbox.SendDigestIfDue();
        var waiting = await inbox.GetDigestStatus();
        ClusterFixture.Clock.Advance(TimeSpan.FromDays(1));
        var digest = await Until(() => RecordingMailer.Instance.SentTo(email), sent => sent.Count > 0);
        var after = await inbox.GetDigestStatus();
        var again = await inbox.SendDigestIfDue();

        Assert.Equal(DigestOutcome.NotDue, early);
        Assert.Equal(2, waiting.Pending);
        Assert.Equal((11, 0), (waiting.NextDueAt!.Value.UtcDateTime.Hour, waiting.NextDueAt.Value.Minute));
        Assert.InRange(waiting.NextDueAt.Value - ClusterFixture.Clock.GetUtcNow(), TimeSpan.FromHours(-24), TimeSpan.Zero);
        var mail = Assert.Single(digest);
        Assert.Equal((world.TenantId, reader, "en"), (mail.TenantId, mail.PersonId, mail.Language));
        Assert.Equal([StoryActivityKind.Commented, StoryActivityKind.Published], mail.Items.Select(n => n.Kind));
        Assert.Equal((0, (DateTimeOffset?)null), (after.Pending, after.NextDueAt));
        Assert.NotNull(after.LastSentAt);
        Assert.Equal(DigestOutcome.NothingNew, again);
        Assert.Single(RecordingMailer.Instance.SentTo(email));
    }

    [Fact]
    public async Task A_digest_whose_send_fails_keeps_its_items_and_goes_at_a_later_check_with_what_came_since()
    {
        var (world, author, reader) = await Reader();
        TenantScope.Enter(world.TenantId);
        var inbox = world.Inbox(reader);
        var email = NotificationWorld.EmailOf("Reader", world.TenantId);
        RecordingMailer.Instance.FailFor(email);
        await world.Activity.Record(NotificationWorld.Published("first", author, StoryVisibility.Community));
        ClusterFixture.Clock.Advance(TimeSpan.FromDays(1));

        var failed = await Until(inbox.GetDigestStatus, s => s.LastError is not null);
        await world.Activity.Record(NotificationWorld.Published("second", author, StoryVisibility.Community));
        var stillPending = await inbox.GetDigestStatus();
        RecordingMailer.Instance.SucceedFor(email);
        var digest = await Until(() => RecordingMailer.Instance.SentTo(email), sent => sent.Count > 0);
        var after = await inbox.GetDigestStatus();

        Assert.Equal(1, failed.Pending);
        Assert.Null(failed.LastSentAt);
        Assert.Equal(2, stillPending.Pending);
        Assert.Equal(["second", "first"], Assert.Single(digest).Items.Select(n => n.StoryId));
        Assert.Equal((0, (string?)null), (after.Pending, after.LastError));
    }

    [Fact]
    public async Task What_was_read_in_the_app_or_came_while_the_digest_was_off_is_not_mailed()
    {
        var (world, author, reader) = await Reader();
        TenantScope.Enter(world.TenantId);
        var inbox = world.Inbox(reader);
        var email = NotificationWorld.EmailOf("Reader", world.TenantId);
        await inbox.SetPreferences(new NotificationPreferences { Language = "es", DigestEnabled = true });
        await world.Activity.Record(NotificationWorld.Published("read", author, StoryVisibility.Community));
        await inbox.MarkAllRead();
        await inbox.TurnDigestOff();
        await world.Activity.Record(NotificationWorld.Published("while-off", author, StoryVisibility.Community));
        ClusterFixture.Clock.Advance(TimeSpan.FromDays(1));

        var off = await inbox.SendDigestIfDue();
        await inbox.SetPreferences(new NotificationPreferences { Language = "es", DigestEnabled = true });
        var nothing = await inbox.SendDigestIfDue();
        await world.Activity.Record(NotificationWorld.Published("new", author, StoryVisibility.Community));
        ClusterFixture.Clock.Advance(TimeSpan.FromDays(1));
        var digest = await Until(() => RecordingMailer.Instance.SentTo(email), sent => sent.Count > 0);

        Assert.Equal(DigestOutcome.Off, off);
        Assert.Equal(DigestOutcome.NothingNew, nothing);
        var mail = Assert.Single(digest);
        Assert.Equal("es", mail.Language);
        Assert.Equal(["new"], mail.Items.Select(n => n.StoryId));
        Assert.Equal(new NotificationPreferences { Language = "es", DigestEnabled = true }, await inbox.GetPreferences());
    }

    private async Task<(NotificationWorld World, string Author, string Reader)> Reader()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        TenantScope.Enter(world.TenantId);
        await world.Inbox(reader).Follow(FollowKind.Community, "cop");
        return (world, author, reader);
    }

    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    private static Task<T> Until<T>(Func<T> read, Func<T, bool> done) => Until(() => Task.FromResult(read()), done);
}
