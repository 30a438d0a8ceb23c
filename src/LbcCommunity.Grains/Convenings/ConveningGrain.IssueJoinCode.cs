using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Convenings;

/// <summary>Issuing a join code: the convening owns the code, so it writes the platform's index of it as well.</summary>
internal sealed partial class ConveningGrain
{
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
}
