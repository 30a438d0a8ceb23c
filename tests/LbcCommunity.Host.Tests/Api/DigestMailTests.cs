using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LbcCommunity.Notifications;
using LbcCommunity.Tenancy;
using MimeKit;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// The daily digest end to end: the host's reminder, its fake domain clock, MailKit and a real SMTP server (aiosmtpd),
/// then the one-click unsubscribe from the message's own headers.
/// </summary>
[Collection(NotificationHostCollection.Name)]
public sealed partial class DigestMailTests(NotificationHostFixture fixture)
{
    [Fact]
    public async Task A_followers_digest_arrives_over_smtp_with_both_parts_links_to_the_stories_and_one_click_unsubscribe_headers()
    {
        var world = await NotificationWorld.Create(fixture);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        (await reader.Client.PutAsync(world.Path("follows/communities/cop"), null)).EnsureSuccessStatusCode();
        await world.Record(world.Published("cafe", "CAFÉ <script>alert(1)</script> & the 94.7 %", author));

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var message = Assert.Single(await fixture.Smtp.WaitForMessagesTo(reader.Email));

        Assert.Equal("Your daily digest: 1 new story or comment", message.Subject);
        Assert.Equal("digest@lbc.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        var unsubscribe = UnsubscribeUrl(message);
        Assert.StartsWith(NotificationHostFixture.BaseUrl + "mail/unsubscribe?token=", unsubscribe.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(unsubscribe.Query.Length > 60, "The token is too short to be unguessable.");
        Assert.Contains("Ana Author published \u201cCAFÉ <script>alert(1)</script> & the 94.7 %\u201d in Parent Mentors.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(NotificationHostFixture.BaseUrl + "stories/cafe", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(unsubscribe.AbsoluteUri, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("CAFÉ &lt;script&gt;alert(1)&lt;/script&gt; &amp; the 94.7 %", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{NotificationHostFixture.BaseUrl}stories/cafe\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{unsubscribe.AbsoluteUri}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(fixture.Smtp.MessagesTo(author.Email));
    }

    [Fact]
    public async Task A_person_who_prefers_spanish_gets_the_digest_in_spanish()
    {
        var world = await NotificationWorld.Create(fixture);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Lectora", "cop");
        (await reader.Client.PutAsync(world.Path("follows/communities/cop"), null)).EnsureSuccessStatusCode();
        (await reader.Client.PutAsJsonAsync(world.Path("preferences"), new { language = "es", digestEnabled = true })).EnsureSuccessStatusCode();
        await world.Record(world.Published("cafe", "El equipo CAFÉ", author));
        await world.Record(world.Published("fbi", "Padres involucrados", author));

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var message = Assert.Single(await fixture.Smtp.WaitForMessagesTo(reader.Email));

        Assert.Equal("Su resumen diario: 2 novedades", message.Subject);
        Assert.Equal("es", message.Body?.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("Ana Author publicó «Padres involucrados» en Parent Mentors.", message.TextBody, StringComparison.Ordinal);
        var text = message.TextBody ?? string.Empty;
        Assert.True(text.IndexOf("Padres", StringComparison.Ordinal) < text.IndexOf("El equipo", StringComparison.Ordinal), "Newest first.");
        Assert.Contains("<html lang=\"es\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dejar de recibir estos correos", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_link_asks_on_get_turns_the_digest_off_on_post_and_no_digest_follows()
    {
        var world = await NotificationWorld.Create(fixture);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        (await reader.Client.PutAsync(world.Path("follows/communities/cop"), null)).EnsureSuccessStatusCode();
        await world.Record(world.Published("cafe", "The CAFÉ story", author));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var link = UnsubscribeUrl(Assert.Single(await fixture.Smtp.WaitForMessagesTo(reader.Email))).PathAndQuery;
        using var anonymous = fixture.Host.CreateClient();

        var tampered = await anonymous.PostAsync(Tamper(link), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var noToken = await anonymous.PostAsync("/mail/unsubscribe", null);
        var afterTampering = await Preferences(world, reader);
        var page = await anonymous.GetAsync(link);
        var afterPage = await Preferences(world, reader);
        var unsubscribed = await anonymous.PostAsync(link, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var after = await Preferences(world, reader);
        await world.Record(world.Published("second", "A second story", author));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        TenantScope.Enter(world.TenantId);
        var outcome = await world.Inbox(reader).SendDigestIfDue();

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (tampered.StatusCode, noToken.StatusCode));
        Assert.True(afterTampering.GetProperty("digestEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\"", form, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.True(afterPage.GetProperty("digestEnabled").GetBoolean(), "Opening the link (a mail scanner does) must change nothing.");
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.False(after.GetProperty("digestEnabled").GetBoolean());
        Assert.Equal("en", after.GetProperty("language").GetString());
        Assert.Equal(DigestOutcome.Off, outcome);
        Assert.Single(fixture.Smtp.MessagesTo(reader.Email));
        Assert.Equal(2, (await reader.Client.GetFromJsonAsync<JsonElement>(world.Path("notifications"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_digest_the_smtp_server_refuses_is_not_marked_sent_and_arrives_whole_once_the_server_takes_it()
    {
        var world = await NotificationWorld.Create(fixture);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        (await reader.Client.PutAsync(world.Path("follows/communities/cop"), null)).EnsureSuccessStatusCode();
        fixture.Smtp.Refuse(reader.Email);
        await world.Record(world.Published("first", "The first story", author));
        fixture.Clock.Advance(TimeSpan.FromDays(1));

        var failed = await Until(() => Preferences(world, reader), p => p.GetProperty("digest").TryGetProperty("lastError", out _));
        await world.Record(world.Published("second", "The second story", author));
        var pending = (await Preferences(world, reader)).GetProperty("digest");
        fixture.Smtp.Accept(reader.Email);
        var message = Assert.Single(await fixture.Smtp.WaitForMessagesTo(reader.Email));
        var after = await Until(() => Preferences(world, reader), p => !p.GetProperty("digest").TryGetProperty("lastError", out _));

        Assert.Contains("Mailbox unavailable", failed.GetProperty("digest").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.False(failed.GetProperty("digest").TryGetProperty("lastSentAt", out _));
        Assert.Equal(2, pending.GetProperty("pending").GetInt32());
        Assert.Equal("Your daily digest: 2 new stories and comments", message.Subject);
        Assert.Contains("The first story", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, after.GetProperty("digest").GetProperty("pending").GetInt32());
    }

    private static Uri UnsubscribeUrl(MimeMessage message)
    {
        var header = message.Headers["List-Unsubscribe"];
        var match = AngleBrackets().Match(header ?? string.Empty);
        Assert.True(match.Success, $"List-Unsubscribe is '{header}'.");
        return new Uri(match.Groups[1].Value);
    }

    /// <summary>The link with one character of its token changed.</summary>
    private static string Tamper(string link)
    {
        var at = link.Length - 10;
        return string.Concat(link.AsSpan(0, at), link[at] == 'A' ? "B" : "A", link.AsSpan(at + 1));
    }

    private static async Task<JsonElement> Preferences(NotificationWorld world, TestPerson person) =>
        await person.Client.GetFromJsonAsync<JsonElement>(world.Path("preferences"));

    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
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

    [GeneratedRegex("^<([^>]+)>$")]
    private static partial Regex AngleBrackets();
}
