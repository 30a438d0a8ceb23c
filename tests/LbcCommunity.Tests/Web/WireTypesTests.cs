using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Tests.Web;

/// <summary>
/// The web app's published hub types (src/LbcCommunity.Web/src/protocol) are the C# wire records as the host
/// serializes them: camelCase names, enums as names, nulls left out. A property added, renamed or made nullable on
/// either side fails here, so the browser never reads a shape the server stopped sending.
/// </summary>
public sealed class WireTypesTests
{
    /// <summary>Every published interface and the record it stands for.</summary>
    private static readonly Dictionary<string, Type> Records = new(StringComparer.Ordinal)
    {
        ["AgendaItem"] = typeof(AgendaItem),
        ["Convening"] = typeof(Convening),
        ["Participant"] = typeof(Participant),
        ["Vote"] = typeof(Vote),
        ["Concern"] = typeof(Concern),
        ["ConsensusRound"] = typeof(ConsensusRound),
        ["ConsensusActivity"] = typeof(ConsensusActivity),
        ["RowSpread"] = typeof(RowSpread),
        ["DepthPollActivity"] = typeof(DepthPollActivity),
        ["QuestionAnswer"] = typeof(QuestionAnswer),
        ["FourQuestionsActivity"] = typeof(FourQuestionsActivity),
        ["TableNote"] = typeof(TableNote),
        ["CafeTable"] = typeof(CafeTable),
        ["TableSeating"] = typeof(TableSeating),
        ["CafeRound"] = typeof(CafeRound),
        ["WorldCafeActivity"] = typeof(WorldCafeActivity),
        ["CafeMessage"] = typeof(CafeMessage),
        ["CafeRoundPreview"] = typeof(CafeRoundPreview),
        ["RoleCount"] = typeof(RoleCount),
        ["PresenceCounts"] = typeof(PresenceCounts),
        ["RosterRequest"] = typeof(RosterRequest),
        ["RosterPage"] = typeof(RosterPage),
        ["ConveningSnapshot"] = typeof(ConveningSnapshot),
        ["ConveningEvent"] = typeof(ConveningEvent),
        ["InitiativeParticipant"] = typeof(InitiativeParticipant),
        ["JoinRequest"] = typeof(JoinRequest),
        ["JoinResult"] = typeof(JoinResult),
        ["ResumeResult"] = typeof(ResumeResult),
        ["ActionAck"] = typeof(ActionAck),
        ["CafeTableDraft"] = typeof(CafeTableDraft),
        ["CellAttainment"] = typeof(CellAttainment),
        ["RowRatingDraft"] = typeof(RowRatingDraft),
        ["PollRating"] = typeof(PollRating),
        ["RatingDraft"] = typeof(RatingDraft),
        ["DimensionSummary"] = typeof(DimensionSummary),
        ["QuarterSummary"] = typeof(QuarterSummary),
        ["RegionLine"] = typeof(RegionLine),
        ["RollUpView"] = typeof(RollUpView),
        ["CafeTableSettings"] = typeof(CafeTableSettings),
        ["CafeSettings"] = typeof(CafeSettings),
        ["ConsensusSettings"] = typeof(ConsensusSettings),
        ["DepthPollSettings"] = typeof(DepthPollSettings),
        ["CafeSettingsDraft"] = typeof(CafeSettingsDraft),
        ["ConsensusSettingsDraft"] = typeof(ConsensusSettingsDraft),
        ["DepthPollSettingsDraft"] = typeof(DepthPollSettingsDraft),
        ["AgendaItemDraft"] = typeof(AgendaItemDraft),
        ["ConveningDraft"] = typeof(ConveningDraft),
        ["ConveningPlanDraft"] = typeof(ConveningPlanDraft),
        ["ConveningListing"] = typeof(ConveningListing),
        ["RoleAttendance"] = typeof(RoleAttendance),
        ["Attendance"] = typeof(Attendance),
        ["DecisionRound"] = typeof(DecisionRound),
        ["ConsensusDecision"] = typeof(ConsensusDecision),
        ["ConveningSummary"] = typeof(ConveningSummary),
        ["JoinCode"] = typeof(JoinCode),
        ["ResultsShared"] = typeof(ResultsShared),
        ["PersonalAction"] = typeof(PersonalAction),
        ["PersonalActionsActivity"] = typeof(PersonalActionsActivity),
    };

    /// <summary>Every published string union that names an enum's members.</summary>
    private static readonly Dictionary<string, Type> Enums = new(StringComparer.Ordinal)
    {
        ["StakeholderRole"] = typeof(StakeholderRole),
        ["ConveningOwnerKind"] = typeof(ConveningOwnerKind),
        ["ActivityKind"] = typeof(ActivityKind),
        ["AgreementScale"] = typeof(AgreementScale),
        ["ConsensusOutcome"] = typeof(ConsensusOutcome),
        ["ConveningStatus"] = typeof(ConveningStatus),
        ["DepthLevel"] = typeof(DepthLevel),
        ["Habit"] = typeof(Habit),
        ["SppAprTopic"] = typeof(SppAprTopic),
    };

    /// <summary>The hubs' method maps (protocol/hubs.ts), held to the hubs themselves by the host's HubMethodsTests.</summary>
    private static readonly string[] HubMaps = ["ConveningHubMethods", "ConveningHubResults", "MonitoringHubMethods", "MonitoringHubResults"];

    private static readonly TypeScriptDeclarations Published = TypeScriptDeclarations.ReadPublished();

    public static TheoryData<string> RecordNames() => [.. Records.Keys];

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Each_interface_has_the_records_json_properties_optional_exactly_where_they_may_be_null(string name)
    {
        Assert.True(Published.Interfaces.TryGetValue(name, out var published), $"src/protocol does not export interface {name}.");
        var nullability = new NullabilityInfoContext();
        var expected = Records[name].GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToDictionary(
                p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p => nullability.Create(p).ReadState == NullabilityState.Nullable,
                StringComparer.Ordinal);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), published.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, p => Assert.True(
            published[p.Key].Optional == p.Value,
            $"{name}.{p.Key} is {(p.Value ? "nullable in C# (left out when null)" : "never null in C#")}, so it should {(p.Value ? "" : "not ")}be optional in TypeScript."));
    }

    [Fact]
    public void Every_published_interface_is_held_to_a_record()
    {
        Assert.Empty(Published.Interfaces.Keys.Except(Records.Keys, StringComparer.Ordinal).Except(HubMaps, StringComparer.Ordinal));
    }

    [Fact]
    public void Each_enum_union_names_the_enums_members()
    {
        Assert.All(Enums, e =>
        {
            Assert.True(Published.Unions.TryGetValue(e.Key, out var members), $"src/protocol does not export type {e.Key}.");
            Assert.Equal(Enum.GetNames(e.Value).Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void The_event_types_are_the_ConveningEventTypes_constants()
    {
        Assert.Equal(Constants(typeof(ConveningEventTypes)), Published.Constants["ConveningEventTypes"].OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_error_codes_are_the_ErrorCodes_constants()
    {
        Assert.Equal(Constants(typeof(ErrorCodes)), Published.Constants["ErrorCodes"].OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    private static IEnumerable<KeyValuePair<string, string>> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => new KeyValuePair<string, string>(f.Name, (string)f.GetRawConstantValue()!))
            .OrderBy(c => c.Key, StringComparer.Ordinal);
}
