using Ganss.Xss;
using Markdig;

namespace LbcCommunity.Host.Stories;

/// <summary>
/// A story's Markdown made safe to show: rendered with Markdig (CommonMark, tables, emphasis extras, auto links), then
/// cleaned by HtmlSanitizer, which keeps an allow-list of tags, attributes and URL schemes (http, https, mailto) and
/// drops scripts, event handlers, <c>javascript:</c> links, frames, forms and styles. Links open without the referrer
/// and without giving the new page a handle on this one.
/// </summary>
internal sealed class StoryMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UseAutoLinks().Build();

    private readonly HtmlSanitizer _sanitizer;

    public StoryMarkdown()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        _sanitizer = sanitizer;
    }

    /// <summary>The safe HTML of <paramref name="markdown"/> (empty for none).</summary>
    public string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? string.Empty : _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
}
