using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The convening's join codes: guests come in with one, and when it is revoked (or expires) they can no longer join,
/// come back or act. Only a code's id is kept; the code itself is shown once, to the facilitator who issued it.
/// </summary>
internal sealed partial class ConveningGrain
{
    /// <summary>Issues a code: the convening owns it, so it writes the platform's index of it as well (see the contract).</summary>
    public async Task<JoinCode> IssueJoinCode(string codeHash, JoinCode code)
    {
        _ = Current;
        RefuseWhenEnded();
        if (string.IsNullOrWhiteSpace(codeHash))
        {
            throw DomainValidationException.For("code", "'code' is required: the hash of the code to index.");
        }

        JoinCodeRules.Validate(code);
        // The index is written before the listing, so a listed code was indexed: a retry after both writes ends here.
        if (State.JoinCodes.Find(c => c.Id == code.Id) is { } known)
        {
            return known;
        }

        var target = new JoinCodeTarget { TenantId = TenantId, ConveningId = ConveningId, JoinCodeId = code.Id, ExpiresAt = code.ExpiresAt };
        await TenantScope.AsPlatform(() => GrainFactory.GetGrain<IJoinCodeGrain>(codeHash).Register(target));
        return await AddJoinCode(code);
    }

    public async Task<JoinCode> AddJoinCode(JoinCode code)
    {
        _ = Current;
        RefuseWhenEnded();
        if (State.JoinCodes.Find(c => c.Id == code.Id) is { } known)
        {
            return known;
        }

        State.JoinCodes.Add(code);
        await Save();
        return code;
    }

    public async Task<JoinCode> RevokeJoinCode(string joinCodeId)
    {
        _ = Current;
        var index = State.JoinCodes.FindIndex(c => c.Id == joinCodeId);
        if (index < 0)
        {
            throw new EntityNotFoundException("JoinCode", joinCodeId);
        }

        if (State.JoinCodes[index].RevokedAt is null)
        {
            State.JoinCodes[index] = State.JoinCodes[index] with { RevokedAt = time.GetUtcNow() };
            // Stored with the revocation; the relays stop sending to the code's guests when they see it.
            await Commit(null, null, ConveningEventTypes.JoinCodeRevoked, e => e with { JoinCodeId = joinCodeId });
            // Guests who came with the code leave the room: everyone sees them go. Each marks its guest gone before its
            // first wait, so they are stored together by one or two writes, not one write after another per guest.
            var leaving = People.Participants.Where(p => p.JoinCodeId == joinCodeId && People.Present.Contains(p.Id)).ToList();
            await Task.WhenAll(leaving.Select(guest => SetPresence(guest.Id, present: false)));
        }

        return State.JoinCodes[index];
    }

    public Task<IReadOnlyList<JoinCode>> ListJoinCodes() => Task.FromResult<IReadOnlyList<JoinCode>>([.. State.JoinCodes]);

    public Task<bool> IsJoinCodeActive(string joinCodeId) => Task.FromResult(JoinCodeActive(joinCodeId));

    private bool JoinCodeActive(string joinCodeId) => State.JoinCodes.Exists(c => c.Id == joinCodeId && c.IsActive(time.GetUtcNow()));
}
