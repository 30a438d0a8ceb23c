using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Stories;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// Editing a draft in Chromium: its author opens the draft's edit page from the story, finds the template filled in,
/// is refused an empty title beside the field (nothing stored), saves the change; attaches a picture (refused without
/// what it shows, and an SVG refused by its content, each named beside its field and nothing stored), then a picture
/// with its alt text and a PDF; the story shows the picture inline with that alt text and the PDF as a link. English
/// and Spanish, axe-core clean at 1280 and 390 px.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed class StoryEditPageTests(BrowserHost host)
{
    private readonly StoryCalls _calls = new(host);

    [Fact]
    public async Task An_author_edits_a_draft_and_attaches_a_picture_with_its_alt_text_and_a_pdf()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var author = await _calls.JoinCommunity(StoryCalls.ParentMentors, $"Editing author {unique}", $"zz-edit-author-{unique}@pm.example", StakeholderRole.Principal);
        var draft = await _calls.Draft(author, new StoryDraft
        {
            Title = $"Homeroom monitors {unique}",
            Summary = "Every student has an adult who checks in.",
            Challenge = new StoryChallenge { Kind = ChallengeKind.Adaptive, Text = "Students slipped through the cracks." },
            Tools = [StoryTool.DialogueGuide],
            Outcomes = [new StoryOutcome { Measure = "Average daily attendance", Baseline = 88m, Result = 92.5m, Unit = "%", Period = "FY2026", Source = "District report" }],
            Tags = ["attendance"],
            Visibility = StoryVisibility.State,
        });

        await using var desk = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var page = await desk.NewPageAsync();
        await page.GotoAsync(_calls.Url($"/stories/{draft.Id}"));
        await StoryCalls.SignIn(page, author);
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Edit the draft: {draft.Title}", Level = 1 })).ToBeVisibleAsync();

        // The template holds the draft as stored.
        var titleField = page.GetByLabel("Title", new() { Exact = true });
        await Assertions.Expect(titleField).ToHaveValueAsync(draft.Title);
        await Assertions.Expect(page.GetByLabel("Kind of challenge")).ToHaveValueAsync("Adaptive");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Dialogue Guide" })).ToBeCheckedAsync();
        var outcome = page.GetByRole(AriaRole.Group, new() { Name = "Outcome 1", Exact = true });
        await Assertions.Expect(outcome.GetByLabel("Result", new() { Exact = true })).ToHaveValueAsync("92.5");
        await Assertions.Expect(page.GetByLabel("Tags (lower-case, separated by commas)")).ToHaveValueAsync("attendance");
        await Assertions.Expect(page.GetByLabel("Who may read it once published")).ToHaveValueAsync("State");
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // No title: refused beside the field, and the stored draft is unchanged.
        await titleField.FillAsync("");
        await page.GetByLabel("Summary (one or two sentences)").FillAsync("Changed, but refused.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await Assertions.Expect(page.Locator("#story-title-problem")).ToContainTextAsync("title");
        await Assertions.Expect(titleField).ToHaveAttributeAsync("aria-invalid", "true");
        var unchanged = await _calls.Story(author.Email, draft.Id);
        Assert.Equal((draft.Title, draft.Summary, draft.Version), (unchanged.Title, unchanged.Summary, unchanged.Version));
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        var newTitle = $"Homeroom monitors: every student known by name {unique}";
        await titleField.FillAsync(newTitle);
        await page.GetByLabel("Summary (one or two sentences)").FillAsync("Every student has an adult who checks in each morning.");
        await outcome.GetByLabel("Result", new() { Exact = true }).FillAsync("93,1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = newTitle, Level = 1 })).ToBeVisibleAsync();
        var saved = await _calls.Story(author.Email, draft.Id);
        Assert.Equal((newTitle, StoryStatus.Draft, 93.1m), (saved.Title, saved.Status, saved.Outcomes[0].Result));
        Assert.Equal("Every student has an adult who checks in each morning.", saved.Summary);

        // Attachments, on the edit page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the draft" }).ClickAsync();
        var attachments = page.GetByRole(AriaRole.Region, new() { Name = "Pictures and files" });
        await Assertions.Expect(attachments).ToContainTextAsync("No picture or file yet.");
        var file = page.GetByLabel("File", new() { Exact = true });
        var alt = page.GetByLabel("What the picture shows");
        var upload = page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true });

        // A picture without what it shows: refused beside that field.
        await file.SetInputFilesAsync(new FilePayload { Name = "monitors.png", MimeType = "image/png", Buffer = StoryCalls.Png });
        await upload.ClickAsync();
        await Assertions.Expect(page.Locator("#attachment-alt-problem")).ToContainTextAsync("altText");
        await Assertions.Expect(alt).ToHaveAttributeAsync("aria-invalid", "true");
        // An SVG named .png: refused by its content, beside the file.
        await file.SetInputFilesAsync(new FilePayload { Name = "drawing.png", MimeType = "image/png", Buffer = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray() });
        await alt.FillAsync("A drawing");
        await upload.ClickAsync();
        await Assertions.Expect(page.Locator("#attachment-file-problem")).ToContainTextAsync("'file' must be a PNG, JPEG, GIF, WebP image or a PDF");
        await Assertions.Expect(file).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        Assert.Empty((await _calls.Story(author.Email, draft.Id)).Attachments);

        // In Spanish, the same refusal is said in Spanish beside the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Lo que muestra la imagen")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#attachment-file-problem")).ToHaveTextAsync("Este campo necesita atención.");
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        const string altText = "Two homeroom monitors greet students at the door";
        await file.SetInputFilesAsync(new FilePayload { Name = "monitors.png", MimeType = "image/png", Buffer = StoryCalls.Png });
        await alt.FillAsync(altText);
        await upload.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "monitors.png is attached." })).ToBeVisibleAsync();
        await file.SetInputFilesAsync(new FilePayload { Name = "attendance-report.pdf", MimeType = "application/pdf", Buffer = StoryCalls.Pdf });
        await upload.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "attendance-report.pdf is attached." })).ToBeVisibleAsync();
        await Assertions.Expect(attachments.GetByRole(AriaRole.Img, new() { Name = altText })).ToBeVisibleAsync();
        await Assertions.Expect(attachments.GetByRole(AriaRole.Button, new() { Name = "Remove attendance-report.pdf" })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        var stored = (await _calls.Story(author.Email, draft.Id)).Attachments;
        Assert.Equal<string>(["monitors.png", "attendance-report.pdf"], stored.Select(a => a.FileName));
        Assert.Equal((altText, "image/png"), (stored[0].AltText, stored[0].ContentType));
        Assert.Equal("application/pdf", stored[1].ContentType);

        // The story shows the picture inline with its alt text (loaded: the bytes came with the token), the PDF as a link.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the story" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = newTitle, Level = 1 })).ToBeVisibleAsync();
        var picture = page.GetByRole(AriaRole.Img, new() { Name = altText });
        await Assertions.Expect(picture).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.picture img')].every(i => i.complete && i.naturalWidth > 0)");
        var pdf = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^attendance-report\\.pdf \\(PDF, 1 KB\\)$") });
        await Assertions.Expect(pdf).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => pdf.ClickAsync());
        Assert.Equal("attendance-report.pdf", download.SuggestedFilename);
        Assert.Equal(StoryCalls.Pdf, await File.ReadAllBytesAsync((await download.PathAsync())!));
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // Removing the PDF from the draft.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove attendance-report.pdf" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "attendance-report.pdf is removed." })).ToBeVisibleAsync();
        Assert.Equal<string>(["monitors.png"], (await _calls.Story(author.Email, draft.Id)).Attachments.Select(a => a.FileName));
    }

    [Fact]
    public async Task Files_chosen_on_the_new_story_form_are_attached_when_it_is_saved_and_a_refused_one_is_shown_on_the_edit_page()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var author = await _calls.JoinCommunity(StoryCalls.ParentMentors, $"New-form author {unique}", $"zz-newform-author-{unique}@pm.example", StakeholderRole.Teacher);
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Phone, IsMobile = true, HasTouch = true });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(_calls.Url($"/communities/{StoryCalls.ParentMentors}/stories/new"));
        await StoryCalls.SignIn(page, author);
        var title = $"Mentors at the door {unique}";
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);

        // Two pictures chosen before the draft exists: one with what it shows, one without.
        const string altText = "A parent mentor welcomes a family at the school door";
        var pictures = page.GetByRole(AriaRole.Group, new() { Name = "Pictures and files" });
        await pictures.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "door.png", MimeType = "image/png", Buffer = StoryCalls.Png });
        await pictures.GetByLabel("What the picture shows").FillAsync(altText);
        await pictures.GetByRole(AriaRole.Button, new() { Name = "Add to the story" }).ClickAsync();
        await pictures.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "hall.png", MimeType = "image/png", Buffer = StoryCalls.Png });
        await pictures.GetByRole(AriaRole.Button, new() { Name = "Add to the story" }).ClickAsync();
        await Assertions.Expect(pictures.GetByRole(AriaRole.List, new() { Name = "Files chosen" })).ToContainTextAsync($"door.png — {altText}");
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // Saved: the draft holds the first; the second's refusal is shown beside what the picture shows, on the edit page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and submit for review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Edit the draft: {title}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "hall.png was not attached" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#attachment-alt-problem")).ToContainTextAsync("altText");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = altText })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        var stored = await _calls.Story(author.Email, StoryCalls.StoryIdOf(page));
        Assert.Equal(StoryStatus.Draft, stored.Status);
        Assert.Equal((title, "door.png", altText), (stored.Title, Assert.Single(stored.Attachments).FileName, stored.Attachments[0].AltText));
    }
}
