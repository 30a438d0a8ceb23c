using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests.Infrastructure;

/// <summary>What every page of the app must pass, at a desk and on a phone: axe-core clean, and no sideways page scroll.</summary>
public static class PageChecks
{
    public static readonly ViewportSize Wide = new() { Width = 1280, Height = 900 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>axe-core clean at 1280 and at 390 px, and at 390 px no wider than the screen; back to the page's width after.</summary>
    public static async Task AssertCleanWideAndOnAPhone(IPage page)
    {
        var size = page.ViewportSize!;
        foreach (var viewport in new[] { Wide, Phone })
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            await AssertAxeClean(page);
            if (viewport.Width == Phone.Width)
            {
                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(width <= Phone.Width, $"{page.Url} is {width} px wide at {Phone.Width} px; reaching past the screen: {(width <= Phone.Width ? "" : await TooWide(page))}");
            }
        }

        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    /// <summary>The innermost elements whose right edge lies past the screen, to say what to fix.</summary>
    private static Task<string> TooWide(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .filter(e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false; return true; })
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
            .slice(0, 5)
            .map(e => `<${e.tagName.toLowerCase()}${e.className ? ' class="' + e.className + '"' : ''}> ${Math.round(e.getBoundingClientRect().right)} px: ${(e.textContent || '').trim().slice(0, 60)}`)
            .join('; ')
        """);

    /// <summary>The page is no wider than the screen: it never scrolls sideways (a wide table scrolls in its own box).</summary>
    public static async Task AssertNoSidewaysScroll(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{page.Url} scrolls sideways at {page.ViewportSize?.Width} px.");

    /// <summary>No violation of WCAG 2.1 A and AA, or of axe's best practices, on the page as it is now.</summary>
    public static async Task AssertAxeClean(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        Assert.True(
            result.Violations.Length == 0,
            $"{page.Url} at {page.ViewportSize?.Width} px: "
            + string.Join(Environment.NewLine, result.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
