using LbcCommunity.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// A family member whose phone speaks English chooses Spanish on the join page: the page speaks Spanish, says so in
/// its <c>lang</c>, keeps the choice over a reload, and stays accessible (axe-core, WCAG 2.1 A and AA) at phone width.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed class JoinPageLanguageTests(BrowserHost host)
{
    [Fact]
    public async Task The_join_page_switches_to_Spanish_keeps_it_and_stays_axe_clean_on_a_phone()
    {
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "en-US",
        });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/join?code=ABCDE-FGHJK").ToString());

        // The browser's language does not choose: English until the person picks another.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join a convening" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await PageChecks.AssertAxeClean(page);

        await page.GetByRole(AriaRole.Group, new() { Name = "Language" }).GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Únase a una reunión" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.GetByLabel("Código para unirse")).ToHaveValueAsync("ABCDE-FGHJK");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Español" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByLabel("Participo como").SelectOptionAsync(new SelectOptionValue { Label = "Padre o madre mentor" });
        await PageChecks.AssertAxeClean(page);

        // The choice is kept on the device: a reload comes back in Spanish.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Únase a una reunión" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        // A refused code is said in Spanish too, and the page stays clean with the alert showing.
        await page.GetByLabel("Su nombre").FillAsync("Rosa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unirse", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("El código ya no es válido. Pida uno nuevo a la persona facilitadora.");
        await PageChecks.AssertAxeClean(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join a convening" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

}
