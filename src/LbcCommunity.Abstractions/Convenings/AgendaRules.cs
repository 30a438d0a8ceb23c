using System.Globalization;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>
/// The rules of a convening's agenda and of what each activity is planned with. Checked in two steps: the shape
/// (<see cref="Check"/>, at the edge and in the grain) and what the settings name, the owner's roster and rubric
/// (<see cref="CheckNames"/>, in the grain, which reads them), so a refusal names the field and nothing is stored.
/// </summary>
public static class AgendaRules
{
    public const int MaxItems = 20;

    public const int MaxCafeRounds = 6;

    /// <summary>Adds the problems of <paramref name="agenda"/> to <paramref name="v"/>, each under its field (<c>agenda[1].consensus.proposal</c>).</summary>
    public static void Check(Validator v, IReadOnlyList<AgendaItemDraft?>? agenda, ConveningOwnerKind? owner)
    {
        if (agenda is not { Count: > 0 and <= MaxItems })
        {
            v.Add("agenda", $"An agenda has 1–{MaxItems} activities.");
            return;
        }

        for (var i = 0; i < agenda.Count; i++)
        {
            var item = agenda[i];
            var at = $"agenda[{i}]";
            if (item?.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                v.Add($"{at}.kind", "'kind' must be WorldCafe, ConsensusBuilding, FourSimpleQuestions, DepthPoll or PersonalActionPlan.");
            }
            else if (kind == ActivityKind.DepthPoll && owner != ConveningOwnerKind.Team)
            {
                v.Add($"{at}.kind", "A depth poll rates a team: only a team's convening can hold one.");
            }

            v.RequiredText($"{at}.title", item?.Title);
            if (item is not null)
            {
                CheckSettings(v, at, item, owner);
            }
        }
    }

    /// <summary>
    /// Refuses settings that name a host not on the owner's roster or a row not in its rubric. <paramref name="rubricRowIds"/>
    /// is <c>null</c> when the owner has no rubric (only a team's convening holds a depth poll).
    /// </summary>
    public static void CheckNames(IReadOnlyList<AgendaItemDraft> agenda, IReadOnlySet<string> memberIds, IReadOnlySet<string>? rubricRowIds)
    {
        var v = new Validator();
        for (var i = 0; i < agenda.Count; i++)
        {
            var tables = agenda[i].Cafe?.Tables ?? [];
            for (var t = 0; t < tables.Count; t++)
            {
                if (!memberIds.Contains(tables[t].HostId!))
                {
                    v.Add($"agenda[{i}].cafe.tables[{t}].hostId", $"'{tables[t].HostId}' is not a member of the roster.");
                }
            }

            var rows = agenda[i].DepthPoll?.RowIds ?? [];
            for (var r = 0; r < rows.Count; r++)
            {
                if (rubricRowIds?.Contains(rows[r]) != true)
                {
                    v.Add($"agenda[{i}].depthPoll.rowIds[{r}]", $"The rubric has no row '{rows[r]}'.");
                }
            }
        }

        v.ThrowIfInvalid();
    }

    /// <summary>The agenda as stored, from a draft that passed <see cref="Check"/>: items numbered in order, settings with their defaults.</summary>
    public static IReadOnlyList<AgendaItem> ToAgenda(IReadOnlyList<AgendaItemDraft> agenda) =>
        [.. agenda.Select((item, i) => new AgendaItem
        {
            Id = $"item-{i + 1}",
            Kind = item.Kind!.Value,
            Title = item.Title!.Trim(),
            Cafe = item.Cafe is { } cafe ? new CafeSettings
            {
                Tables = [.. (cafe.Tables ?? []).Select(t => new CafeTableSettings { HostId = t.HostId!, Question = t.Question!.Trim() })],
                RoundMinutes = cafe.RoundMinutes!.Value,
                Rounds = cafe.Rounds!.Value,
            } : null,
            Consensus = item.Consensus is { } consensus ? new ConsensusSettings
            {
                Proposal = consensus.Proposal!.Trim(),
                Scale = consensus.Scale ?? AgreementScale.FistToFive,
                Anonymous = consensus.Anonymous ?? false,
                HideResults = consensus.HideResults ?? true,
            } : null,
            DepthPoll = item.DepthPoll is { } poll ? new DepthPollSettings { RowIds = [.. poll.RowIds!] } : null,
        })];

    private static void CheckSettings(Validator v, string at, AgendaItemDraft item, ConveningOwnerKind? owner)
    {
        Mismatch(v, $"{at}.cafe", item.Cafe, item.Kind, ActivityKind.WorldCafe);
        Mismatch(v, $"{at}.consensus", item.Consensus, item.Kind, ActivityKind.ConsensusBuilding);
        Mismatch(v, $"{at}.depthPoll", item.DepthPoll, item.Kind, ActivityKind.DepthPoll);
        if (item.Kind == ActivityKind.WorldCafe && item.Cafe is { } cafe)
        {
            CheckCafe(v, $"{at}.cafe", cafe, owner);
        }

        if (item.Kind == ActivityKind.ConsensusBuilding && item.Consensus is { } consensus)
        {
            v.RequiredText($"{at}.consensus.proposal", consensus.Proposal, ConveningRules.ProposalMaxLength);
            if (consensus.Scale is { } scale && !Enum.IsDefined(scale))
            {
                v.Add($"{at}.consensus.scale", "'scale' must be FistToFive or GradientsOfAgreement.");
            }
        }

        if (item.Kind == ActivityKind.DepthPoll && item.DepthPoll is { } poll)
        {
            if (poll.RowIds is not { Count: > 0 } rows)
            {
                v.Add($"{at}.depthPoll.rowIds", "Choose one or more rubric rows.");
                return;
            }

            for (var r = 0; r < rows.Count; r++)
            {
                if (!Validator.IsSlug(rows[r]))
                {
                    v.Add($"{at}.depthPoll.rowIds[{r}]", "A rubric row is named by its id.");
                }
                else if (rows.Take(r).Contains(rows[r], StringComparer.Ordinal))
                {
                    v.Add($"{at}.depthPoll.rowIds[{r}]", "Each row is polled once.");
                }
            }
        }
    }

    private static void Mismatch(Validator v, string field, object? settings, ActivityKind? kind, ActivityKind expected)
    {
        if (settings is not null && kind != expected)
        {
            v.Add(field, $"These settings belong to a {expected} item, not a {kind?.ToString() ?? "kindless"} one.");
        }
    }

    private static void CheckCafe(Validator v, string at, CafeSettingsDraft cafe, ConveningOwnerKind? owner)
    {
        if (!(cafe.RoundMinutes is { } minutes && minutes >= WorldCafe.MinRoundMinutes && minutes <= WorldCafe.MaxRoundMinutes))
        {
            v.Add($"{at}.roundMinutes", string.Create(CultureInfo.InvariantCulture, $"A round lasts {WorldCafe.MinRoundMinutes}–{WorldCafe.MaxRoundMinutes} minutes."));
        }

        if (cafe.Rounds is not (>= 1 and <= MaxCafeRounds))
        {
            v.Add($"{at}.rounds", $"A café has 1–{MaxCafeRounds} rounds.");
        }

        var tables = cafe.Tables ?? [];
        if (tables.Count == 0)
        {
            return;
        }

        if (owner == ConveningOwnerKind.Initiative)
        {
            v.Add($"{at}.tables", "An initiative has no roster to choose hosts from: its café's tables are set in the room.");
            return;
        }

        if (tables.Count is < WorldCafe.MinTables or > WorldCafe.MaxTables)
        {
            v.Add($"{at}.tables", $"A World Café has {WorldCafe.MinTables}–{WorldCafe.MaxTables} tables (or none planned: set in the room).");
            return;
        }

        for (var t = 0; t < tables.Count; t++)
        {
            v.RequiredText($"{at}.tables[{t}].question", tables[t]?.Question, ConveningRules.TextMaxLength);
            if (string.IsNullOrEmpty(tables[t]?.HostId))
            {
                v.Add($"{at}.tables[{t}].hostId", "Choose the table's host.");
            }
            else if (tables.Take(t).Any(other => other?.HostId == tables[t]!.HostId))
            {
                v.Add($"{at}.tables[{t}].hostId", "A host hosts one table.");
            }
        }
    }

    /// <summary>A plan change refused because the convening has begun or ended: the plan stays as it ran.</summary>
    public static EntityConflictException Begun(bool ended) => ended
        ? new EntityConflictException("convening", "The convening has ended; its plan is kept as it ran.", ErrorCodes.ConveningEnded)
        : new EntityConflictException("convening", "The convening has begun; its plan is kept as it runs.", ErrorCodes.ConveningBegun);
}
