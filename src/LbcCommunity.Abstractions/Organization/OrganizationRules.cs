using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Organization;

/// <summary>The rules every draft of the state's structure must meet, checked at the edge and again in grains.</summary>
public static class OrganizationRules
{
    /// <summary>Allowed level thresholds: 10 to 100 percent in steps of 10.</summary>
    public static bool IsValidThreshold(int percent) => percent is >= 10 and <= 100 && percent % 10 == 0;

    public static void Validate(TenantDraft draft, bool creating)
    {
        var v = new Validator();
        v.Slug("id", draft.Id, required: creating);
        v.RequiredText("name", draft.Name);
        if (string.IsNullOrWhiteSpace(draft.StateCode))
        {
            v.Add("stateCode", "'stateCode' is required.");
        }
        else if (draft.StateCode.Length != 2 || !draft.StateCode.All(char.IsAsciiLetterUpper))
        {
            v.Add("stateCode", "'stateCode' must be a two-letter postal code in capitals, like 'GA'.");
        }

        if (draft.LevelThresholdPercent is { } threshold && !IsValidThreshold(threshold))
        {
            v.Add("levelThresholdPercent", "'levelThresholdPercent' must be 10–100 in steps of 10.");
        }

        if (draft.FiscalYearStartMonth is not (null or (>= 1 and <= 12)))
        {
            v.Add("fiscalYearStartMonth", "'fiscalYearStartMonth' must be a month, 1–12 (7 for a fiscal year from July).");
        }

        v.ThrowIfInvalid();
    }

    public static void Validate(RegionDraft draft)
    {
        var v = new Validator();
        v.Slug("id", draft.Id, required: false);
        v.RequiredText("name", draft.Name);
        v.OptionalText("description", draft.Description);
        v.ThrowIfInvalid();
    }

    public static void Validate(DistrictDraft draft)
    {
        var v = new Validator();
        v.Slug("id", draft.Id, required: false);
        v.RequiredText("name", draft.Name);
        v.Slug("regionId", draft.RegionId);
        v.ThrowIfInvalid();
    }

    public static void Validate(InitiativeDraft draft)
    {
        var v = new Validator();
        v.Slug("id", draft.Id, required: false);
        v.RequiredText("name", draft.Name);
        v.OptionalText("description", draft.Description);
        v.OptionalText("fundingSource", draft.FundingSource, Validator.NameMaxLength);
        if (draft.RubricVersion is < 1)
        {
            v.Add("rubricVersion", "'rubricVersion' must be 1 or more.");
        }

        v.ThrowIfInvalid();
    }

    public static void Validate(TeamDraft draft)
    {
        var v = new Validator();
        v.Slug("id", draft.Id, required: false);
        v.RequiredText("name", draft.Name);
        v.Slug("districtId", draft.DistrictId);
        v.OptionalText("description", draft.Description);
        v.ThrowIfInvalid();
    }

    public static void Validate(CommunityDraft draft)
    {
        var v = new Validator();
        v.Slug("id", draft.Id, required: false);
        v.RequiredText("name", draft.Name);
        v.OptionalText("description", draft.Description);
        v.OptionalText("focus", draft.Focus, Validator.NameMaxLength);
        v.ThrowIfInvalid();
    }

    public static void Validate(MemberDraft draft)
    {
        var v = new Validator();
        v.RequiredText("displayName", draft.DisplayName);
        v.Email("email", draft.Email);
        if (draft.StakeholderRole is not { } role)
        {
            v.Add("stakeholderRole", "'stakeholderRole' is required.");
        }
        else
        {
            v.Defined("stakeholderRole", role);
        }

        v.ThrowIfInvalid();
    }

    /// <summary>An update may repeat the entity's id in its body, but not name another.</summary>
    public static void RequireSameId(string? bodyId, string routeId)
    {
        if (bodyId is not null && !string.Equals(bodyId, routeId, StringComparison.Ordinal))
        {
            throw DomainValidationException.For("id", $"'id' must be '{routeId}' or left out.");
        }
    }

    /// <summary>A new id for an entity whose creator named none: short, random, a valid slug.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..12];
}
