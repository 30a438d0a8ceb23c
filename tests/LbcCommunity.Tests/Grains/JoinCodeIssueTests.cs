using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>A convening issuing a join code: the platform's index of the code and the convening's own list, in one call.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JoinCodeIssueTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task An_issued_code_is_indexed_for_its_convening_and_kept_and_a_retry_keeps_it_once()
    {
        var (state, convening, facilitator) = await NewConvening();
        TenantScope.Enter(state);
        var hash = NewHash();
        var code = Code("jc-issued", facilitator);

        var issued = await convening.IssueJoinCode(hash, code);
        var retried = await convening.IssueJoinCode(hash, code);

        Assert.Equal(code, issued);
        Assert.Equal(code, retried);
        Assert.Single(await convening.ListJoinCodes(), c => c.Id == code.Id);
        Assert.True(await convening.IsJoinCodeActive(code.Id));
        var target = await Resolve(hash);
        Assert.NotNull(target);
        Assert.Equal((state, "issuing-day", code.Id, code.ExpiresAt), (target.TenantId, target.ConveningId, target.JoinCodeId, target.ExpiresAt));
    }

    [Fact]
    public async Task A_retry_after_only_the_index_was_written_completes_the_issue()
    {
        var (state, convening, facilitator) = await NewConvening();
        TenantScope.Enter(state);
        var hash = NewHash();
        var code = Code("jc-half", facilitator);
        // What a crash between the two writes leaves: the index entry, and no listing (so the code opens nothing yet).
        await TenantScope.AsPlatform(() => _grains.GetGrain<IJoinCodeGrain>(hash).Register(new JoinCodeTarget
        {
            TenantId = state,
            ConveningId = "issuing-day",
            JoinCodeId = code.Id,
            ExpiresAt = code.ExpiresAt,
        }));
        TenantScope.Enter(state);
        Assert.False(await convening.IsJoinCodeActive(code.Id));

        var issued = await convening.IssueJoinCode(hash, code);

        Assert.Equal(code, issued);
        Assert.Single(await convening.ListJoinCodes(), c => c.Id == code.Id);
        Assert.True(await convening.IsJoinCodeActive(code.Id));
        Assert.Equal(code.Id, (await Resolve(hash))?.JoinCodeId);
    }

    [Fact]
    public async Task A_refused_issue_writes_neither_the_index_nor_the_list()
    {
        var (state, convening, facilitator) = await NewConvening();
        TenantScope.Enter(state);
        var tooLong = Code("jc-too-long", facilitator) with { ExpiresAt = DateTimeOffset.UtcNow + JoinCodeRules.MaxLifetime + TimeSpan.FromHours(1) };
        var unplanned = _grains.GetGrain<IConveningGrain>(GrainKeys.Of(state, "never-planned"));
        var (tooLongHash, unplannedHash, endedHash) = (NewHash(), NewHash(), NewHash());

        var invalid = await Assert.ThrowsAsync<DomainValidationException>(() => convening.IssueJoinCode(tooLongHash, tooLong));
        var noHash = await Assert.ThrowsAsync<DomainValidationException>(() => convening.IssueJoinCode(" ", Code("jc-no-hash", facilitator)));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => unplanned.IssueJoinCode(unplannedHash, Code("jc-unplanned", facilitator)));
        await convening.CloseConvening(new ConveningAction { ActionId = Guid.NewGuid().ToString("N"), ParticipantId = facilitator });
        var ended = await Assert.ThrowsAsync<DomainValidationException>(() => convening.IssueJoinCode(endedHash, Code("jc-ended", facilitator)));

        Assert.Contains("expiresAt", invalid.Errors.Keys);
        Assert.Contains("code", noHash.Errors.Keys);
        Assert.Contains("convening", ended.Errors.Keys);
        Assert.Empty(await convening.ListJoinCodes());
        Assert.Null(await unplanned.TryGet());
        Assert.All(await Task.WhenAll(Resolve(tooLongHash), Resolve(unplannedHash), Resolve(endedHash)), Assert.Null);
    }

    /// <summary>A team's convening with its facilitator present. The caller enters the tenant itself afterwards (see <see cref="GrainWorld"/>).</summary>
    private async Task<(string State, IConveningGrain Convening, string Facilitator)> NewConvening()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var team = await _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var facilitator = await _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, team.Id)).AddMember(new MemberDraft { DisplayName = "Facilitator", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var convening = _grains.GetGrain<IConveningGrain>(GrainKeys.Of(state, "issuing-day"));
        await convening.Create(new ConveningDraft
        {
            Id = "issuing-day",
            Title = "Issuing day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = team.Id,
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Agree the plan" }],
        });
        await convening.Join(new JoinRequest { MemberId = facilitator.Id });
        return (state, convening, facilitator.Id);
    }

    private static JoinCode Code(string id, string issuedBy)
    {
        var now = DateTimeOffset.UtcNow;
        return new JoinCode { Id = id, Label = "Families", IssuedAt = now, ExpiresAt = now.AddDays(1), IssuedBy = issuedBy };
    }

    /// <summary>A key for the index as the host derives it from a code: unique per test, since the index is platform-wide.</summary>
    private static string NewHash() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private Task<JoinCodeTarget?> Resolve(string hash) => TenantScope.AsPlatform(() => _grains.GetGrain<IJoinCodeGrain>(hash).Resolve());
}
