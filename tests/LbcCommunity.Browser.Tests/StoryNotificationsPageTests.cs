using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Notifications;
using LbcCommunity.Organization;
using LbcCommunity.Stories;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// Follows and the in-app inbox in Chromium: a family member follows the Parent Mentors community from its home page
/// (on a phone) and a tag; a story is published there; the header shows one unread notification; the inbox lists it
/// with why it came; it is marked read; the preferences turn the digest off and choose Spanish; the community is
/// unfollowed. English and Spanish, axe-core clean at 1280 and 390 px, and every change checked on the server.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed class StoryNotificationsPageTests(BrowserHost host)
{
    private readonly StoryCalls _calls = new(host);

    [Fact]
    public async Task A_follower_of_a_community_finds_its_new_story_in_the_inbox_marks_it_read_and_sets_the_digest_and_language()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var author = await _calls.JoinCommunity(StoryCalls.ParentMentors, $"Author {unique}", $"zz-notify-author-{unique}@pm.example", StakeholderRole.Teacher);
        var facilitator = await _calls.JoinCommunity(StoryCalls.ParentMentors, $"Facilitator {unique}", $"zz-notify-facilitator-{unique}@pm.example", StakeholderRole.ParentMentor, facilitator: true);
        var follower = await _calls.JoinCommunity(StoryCalls.ParentMentors, $"Family follower {unique}", $"zz-notify-follower-{unique}@family.example", StakeholderRole.FamilyMember);
        var tag = $"zz-{unique}";

        // The follower opens the community's home on a phone and follows it.
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Phone, IsMobile = true, HasTouch = true });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(_calls.Url($"/communities/{StoryCalls.ParentMentors}/stories"));
        await StoryCalls.SignIn(page, follower);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Stories of {StoryCalls.ParentMentorsName}", Level = 1 })).ToBeVisibleAsync();
        var follow = page.GetByRole(AriaRole.Button, new() { Name = "Follow this community" });
        await Assertions.Expect(follow).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(page.GetByTestId("inbox-link")).ToHaveAccessibleNameAsync("Notifications, none unread");
        await follow.ClickAsync();
        var following = page.GetByRole(AriaRole.Button, new() { Name = "Following this community" });
        await Assertions.Expect(following).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"You follow {StoryCalls.ParentMentorsName} now." })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        var follows = await _calls.Send<List<Follow>>(follower.Email, HttpMethod.Get, "me/follows");
        Assert.Contains(follows, f => f.Kind == FollowKind.Community && f.Id == StoryCalls.ParentMentors);

        // A story is published in the community: it reaches the follower's inbox (the hand-over takes a moment).
        var title = $"Family nights that filled the gym {unique}";
        var story = await _calls.Draft(author, new StoryDraft
        {
            Title = title,
            Summary = "Monthly family nights brought parents into the school.",
            Body = "We opened the gym one evening a month.",
            Visibility = StoryVisibility.Community,
            Tags = [tag],
        });
        await _calls.Publish(author, facilitator, story.Id);
        await StoryCalls.Eventually(
            () => _calls.Send<NotificationPage>(follower.Email, HttpMethod.Get, "me/notifications"),
            p => p.Items.Any(n => n.StoryId == story.Id),
            "the follower's notification");

        // The header's count says one is unread; the inbox shows who did what, where, and why it came.
        await page.ReloadAsync();
        var inboxLink = page.GetByTestId("inbox-link");
        await Assertions.Expect(inboxLink).ToHaveAccessibleNameAsync("Notifications, 1 unread");
        await inboxLink.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Notifications" })).ToBeVisibleAsync();
        // The same item whatever the page's language.
        var item = page.Locator("ul.inbox > li").Filter(new() { HasText = title });
        await Assertions.Expect(item).ToContainTextAsync($"Unread{facilitator.Name} published a story in {StoryCalls.ParentMentorsName}");
        await Assertions.Expect(item).ToContainTextAsync("You follow this community.");
        await Assertions.Expect(page.GetByText("1 unread.")).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // In Spanish, for families.
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notificaciones", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(item).ToContainTextAsync($"{facilitator.Name} publicó una historia en {StoryCalls.ParentMentorsName}");
        await Assertions.Expect(item).ToContainTextAsync("Usted sigue esta comunidad.");
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // Marked read: the count goes to none, here and on the server.
        await item.GetByRole(AriaRole.Button, new() { Name = $"Mark as read “{title}”" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Marked as read." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Nothing unread.")).ToBeVisibleAsync();
        await Assertions.Expect(inboxLink).ToHaveAccessibleNameAsync("Notifications, none unread");
        var read = await _calls.Send<NotificationPage>(follower.Email, HttpMethod.Get, "me/notifications");
        Assert.Equal(0, read.UnreadCount);
        Assert.True(read.Items.Single(n => n.StoryId == story.Id).Read);

        // From the notification to the story, where the follower follows its tag too.
        await item.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Follow the tag “{tag}”" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Following the tag “{tag}”" })).ToHaveAttributeAsync("aria-pressed", "true");
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        follows = await _calls.Send<List<Follow>>(follower.Email, HttpMethod.Get, "me/follows");
        Assert.Contains(follows, f => f.Kind == FollowKind.Tag && f.Id == tag);

        // Preferences: no daily digest, e-mails in Spanish; the app follows the language chosen.
        await page.GotoAsync(_calls.Url("/preferences"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preferences", Level = 1 })).ToBeVisibleAsync();
        var digest = page.GetByRole(AriaRole.Checkbox, new() { Name = "Send me a daily e-mail digest when there is something new" });
        await Assertions.Expect(digest).ToBeCheckedAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        await digest.UncheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Language of e-mails" }).GetByRole(AriaRole.Radio, new() { Name = "Español" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sus preferencias están guardadas." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preferencias", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        var preferences = await _calls.Send<PreferencesView>(follower.Email, HttpMethod.Get, "me/preferences");
        Assert.Equal(("es", false), (preferences.Language, preferences.DigestEnabled));

        // Read again from the server, the page shows what is stored.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Enviarme un resumen diario por correo cuando haya novedades" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Español" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // Unfollowing the community from its home.
        await page.GotoAsync(_calls.Url($"/communities/{StoryCalls.ParentMentors}/stories"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Following this community" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Follow this community" })).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"You no longer follow {StoryCalls.ParentMentorsName}." })).ToBeVisibleAsync();
        follows = await _calls.Send<List<Follow>>(follower.Email, HttpMethod.Get, "me/follows");
        Assert.DoesNotContain(follows, f => f.Kind == FollowKind.Community);
        Assert.Contains(follows, f => f.Kind == FollowKind.Tag && f.Id == tag);
    }
}
