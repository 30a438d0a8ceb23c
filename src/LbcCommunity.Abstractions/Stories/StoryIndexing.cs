using System.Text;

namespace LbcCommunity.Stories;

/// <summary>How a story becomes its search entry (pure; the grain writes what this gives).</summary>
public static class StoryIndexing
{
    public static StoryIndexEntry EntryOf(string tenantId, Story story) => new()
    {
        TenantId = tenantId,
        StoryId = story.Id,
        Version = story.Version,
        Status = story.Status,
        Visibility = story.Visibility,
        CommunityId = story.CommunityId,
        TeamId = story.TeamId,
        RegionId = story.RegionId,
        Year = (story.PublishedAt ?? story.CreatedAt).Year,
        Title = story.Title,
        Summary = story.Summary,
        Text = TextOf(story),
        Habits = story.Habits,
        RowIds = [.. story.RowIds.Concat(story.DepthChanges.Select(d => d.RowId)).Distinct(StringComparer.Ordinal)],
        Measures = [.. story.Outcomes.Select(o => o.Measure!).Distinct(StringComparer.OrdinalIgnoreCase)],
        Tags = story.Tags,
        DepthChanges = story.DepthChanges,
        PublishedAt = story.PublishedAt,
        AuthorName = story.AuthorName,
    };

    private static string TextOf(Story story)
    {
        var text = new StringBuilder(story.Body ?? string.Empty);
        void Add(string? part)
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                text.Append('\n').Append(part);
            }
        }

        Add(story.Challenge?.Text);
        foreach (var outcome in story.Outcomes)
        {
            Add(outcome.Measure);
            Add(outcome.Population);
            Add(outcome.Source);
        }

        foreach (var quote in story.Quotes)
        {
            Add(quote.Text);
            Add(quote.Who);
        }

        Add(story.OtherTool);
        Add(string.Join(' ', story.Tags));
        Add(story.AuthorName);
        return text.ToString();
    }
}
