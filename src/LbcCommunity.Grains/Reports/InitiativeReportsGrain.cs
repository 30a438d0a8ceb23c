using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Reports;
using LbcCommunity.RollUps;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace LbcCommunity.Grains.Reports;

/// <summary>
/// Reporting across an initiative's teams: reads the teams' reports, convenings, the roll-ups and the story index,
/// and stores nothing. A stateless worker: a director's export does not queue behind another's.
/// </summary>
[StatelessWorker]
internal sealed class InitiativeReportsGrain(
    IGrainFactory grains,
    IStoryIndex stories,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : Grain, IInitiativeReportsGrain
{
    /// <summary>Search pages read for outcomes; published stories beyond this many are left out of one export.</summary>
    private const int StoryPage = 100;

    private const int MaxStoryPages = 50;

    private string Key => this.GetPrimaryKeyString();

    private string TenantId => GrainKeys.TenantOf(Key);

    private string InitiativeId => GrainKeys.LocalIdOf(Key);

    public async Task<ReportStatusTable> Status(string quarter, string? regionId)
    {
        var (_, end) = ReportRules.Quarter(quarter);
        var initiative = Initiative();
        await RequireInitiativeExists(initiative);
        var teamIds = regionId is null ? await initiative.ListTeamIds() : await initiative.ListTeamIdsInRegion(regionId);
        var lines = (await Task.WhenAll(teamIds.Select(t => grains.GetGrain<IQuarterlyReportGrain>(IQuarterlyReportGrain.KeyOf(TenantId, t, quarter)).GetStatus())))
            .OfType<ReportStatusLine>()
            .OrderBy(l => l.TeamName, StringComparer.InvariantCulture).ThenBy(l => l.TeamId, StringComparer.Ordinal)
            .ToList();
        var settings = await grains.GetGrain<IReportCatalogGrain>(TenantId).GetSettings();
        var tenant = await grains.GetGrain<ITenantGrain>(TenantId).TryGet();
        return new ReportStatusTable
        {
            InitiativeId = InitiativeId,
            RegionId = regionId,
            Quarter = quarter,
            FiscalQuarter = FiscalCalendar.OfQuarter(quarter, tenant?.FiscalYearStartMonth ?? FiscalCalendar.DefaultStartMonth).FiscalQuarter,
            DueAt = ReportRules.DueAt(end, settings.DueDaysAfterQuarterEnd),
            Teams = lines,
            Submitted = lines.Count(l => l.Status == ReportStatus.Submitted),
            Accepted = lines.Count(l => l.Status == ReportStatus.Accepted),
            Returned = lines.Count(l => l.Status == ReportStatus.Returned),
            NotSubmitted = lines.Count(l => l.SubmittedAt is null),
            LateCount = lines.Count(l => l.Late),
        };
    }

    public async Task<EvidenceReport> Evidence(string firstQuarter, string lastQuarter)
    {
        var (start, end) = EvidenceRules.Period(firstQuarter, lastQuarter);
        var initiativeGrain = Initiative();
        var initiative = await initiativeGrain.TryGet() ?? throw new EntityNotFoundException("Initiative", InitiativeId);
        var teamIds = await initiativeGrain.ListTeamIds();
        var teams = (await Task.WhenAll(teamIds.Select(t => grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, t)).TryGet()))).OfType<Team>().ToList();
        var owners = teams.Select(t => (Kind: ConveningOwnerKind.Team, Id: t.Id, Region: (string?)t.RegionId))
            .Append((Kind: ConveningOwnerKind.Initiative, Id: InitiativeId, Region: null));
        var convenings = (await Task.WhenAll(owners.Select(o => HeldBy(o.Kind, o.Id, o.Region, start, end)))).SelectMany(c => c)
            .OrderBy(c => c.StartedAt).ThenBy(c => c.ConveningId, StringComparer.Ordinal).ToList();

        var rollUp = grains.GetGrain<IInitiativeRollUpGrain>(GrainKeys.Of(TenantId, InitiativeId));
        var view = await rollUp.GetView();
        var attention = await rollUp.GetAttention(null, DashboardRules.DefaultNotRatedDays);
        return new EvidenceReport
        {
            InitiativeId = InitiativeId,
            InitiativeName = initiative.Name,
            From = firstQuarter,
            To = lastQuarter,
            PeriodStart = start,
            PeriodEnd = end,
            ComputedAt = time.GetUtcNow(),
            Convenings = convenings,
            Participants = ReportFacts.Count(convenings.Select(c => c.Attendance)),
            Topics = EvidenceRules.Topics(convenings),
            ResultsSharedCount = convenings.Count(c => c.ResultsShared is not null),
            DepthSpread = EvidenceRules.Spread(view, start, end),
            Sustained = EvidenceRules.Sustained(attention),
            Outcomes = await Outcomes(teamIds.ToHashSet(StringComparer.Ordinal), start, end),
        };
    }

    private IInitiativeGrain Initiative() => grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, InitiativeId));

    private async Task RequireInitiativeExists(IInitiativeGrain initiative)
    {
        if (await initiative.TryGet() is null)
        {
            throw new EntityNotFoundException("Initiative", InitiativeId);
        }
    }

    private async Task<IReadOnlyList<EvidenceConvening>> HeldBy(ConveningOwnerKind kind, string ownerId, string? regionId, DateTimeOffset start, DateTimeOffset end)
    {
        var listings = await grains.GetGrain<IConveningIndexGrain>(IConveningIndexGrain.KeyOf(TenantId, kind, ownerId)).List(null);
        var summaries = await Task.WhenAll(listings
            .Where(l => l.Status != ConveningStatus.Planned)
            .Select(l => grains.GetGrain<IConveningGrain>(GrainKeys.Of(TenantId, l.Id)).GetSummary()));
        return [.. summaries.Where(s => ReportFacts.HeldIn(s, start, end)).Select(s => new EvidenceConvening
        {
            ConveningId = s.Convening.Id,
            Title = s.Convening.Title,
            OwnerKind = kind,
            OwnerId = ownerId,
            RegionId = regionId,
            StartedAt = s.StartedAt!.Value,
            Attendance = s.Attendance,
            SppAprTopics = s.SppAprTopics,
            ResultsShared = s.ResultsShared,
        })];
    }

    /// <summary>The outcomes of stories of the initiative's teams published in the period, read from each story itself.</summary>
    private async Task<IReadOnlyList<OutcomeLine>> Outcomes(HashSet<string> teamIds, DateTimeOffset start, DateTimeOffset end)
    {
        var scope = new StorySearchScope { AllCommunities = true };
        var hits = new List<StorySearchHit>();
        for (var page = 0; page < MaxStoryPages; page++)
        {
            var found = await stories.Search(TenantId, new StorySearchQuery { Limit = StoryPage, Offset = page * StoryPage }, scope);
            hits.AddRange(found.Hits);
            if (found.Hits.Count < StoryPage)
            {
                break;
            }
        }

        var viewer = new StoryViewer { PersonId = "reports", DisplayName = "Reports", IsStateAdmin = true, IsTenantPerson = true };
        var candidates = hits.Where(h => h.TeamId is { } t && teamIds.Contains(t)).Select(h => h.StoryId).Distinct(StringComparer.Ordinal);
        var read = await Task.WhenAll(candidates.Select(id => grains.GetGrain<IStoryGrain>(GrainKeys.Of(TenantId, id)).TryGet(viewer)));
        return [.. read.OfType<Story>()
            .Where(s => s.Status == StoryStatus.Published && s.PublishedAt is { } at && at >= start && at < end && s.TeamId is { } t && teamIds.Contains(t))
            .OrderBy(s => s.PublishedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .SelectMany(s => s.Outcomes.Where(o => !string.IsNullOrWhiteSpace(o.Measure)).Select(o => new OutcomeLine
            {
                StoryId = s.Id,
                StoryTitle = s.Title,
                TeamId = s.TeamId,
                PublishedAt = s.PublishedAt!.Value,
                Measure = o.Measure!,
                Baseline = o.Baseline,
                Result = o.Result,
                Unit = o.Unit,
                Period = o.Period,
                Population = o.Population,
                Source = o.Source,
            }))];
    }
}
