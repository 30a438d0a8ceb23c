using System.Globalization;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Grains.Reports;

[GenerateSerializer]
internal sealed class ReportCatalogState
{
    /// <summary>Versions published after the default, oldest first; version n (n ≥ 2) is at index n-2.</summary>
    [Id(0)] public List<ReportQuestionSet> Published { get; set; } = [];

    [Id(1)] public ReportSettings Settings { get; set; } = new();
}

/// <summary>A tenant's quarterly report questions (append-only versions; version 1 the default) and its due days.</summary>
internal sealed class ReportCatalogGrain(
    [PersistentState("reportCatalog", StorageNames.Grains)] IPersistentState<ReportCatalogState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<ReportCatalogState>(state), IReportCatalogGrain
{
    private static readonly ReportQuestionSet Default = DefaultReportQuestions.Create(DefaultReportQuestions.PublishedAt);

    public async Task<ReportQuestionSet> Publish(ReportQuestionSetDraft draft)
    {
        var questions = ReportRules.ToQuestions(draft);
        var version = new ReportQuestionSet
        {
            Version = State.Published.Count + 2,
            Name = draft.Name!.Trim(),
            Questions = questions,
            PublishedAt = time.GetUtcNow(),
        };
        State.Published.Add(version);
        await Save();
        return version;
    }

    public Task<ReportQuestionSet> GetVersion(int version) => version switch
    {
        DefaultReportQuestions.Version => Task.FromResult(Default),
        _ when version >= 2 && version - 2 < State.Published.Count => Task.FromResult(State.Published[version - 2]),
        _ => throw new EntityNotFoundException("Report question version", version.ToString(CultureInfo.InvariantCulture)),
    };

    public Task<ReportQuestionSet> Latest() => Task.FromResult(State.Published.Count == 0 ? Default : State.Published[^1]);

    public Task<IReadOnlyList<ReportQuestionSet>> List() => Task.FromResult<IReadOnlyList<ReportQuestionSet>>([Default, .. State.Published]);

    public Task<ReportSettings> GetSettings() => Task.FromResult(State.Settings);

    public async Task<ReportSettings> SetSettings(ReportSettingsDraft draft)
    {
        State.Settings = ReportRules.Validate(draft);
        await Save();
        return State.Settings;
    }
}
