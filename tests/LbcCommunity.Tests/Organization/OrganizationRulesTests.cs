using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Validation;

namespace LbcCommunity.Tests.Organization;

public sealed class OrganizationRulesTests
{
    [Theory]
    [InlineData("ga", true)]
    [InlineData("cafe-manchester", true)]
    [InlineData("Cafe", false)]
    [InlineData("-cafe", false)]
    [InlineData("cafe--manchester", false)]
    [InlineData("ga/other", false)]
    [InlineData("", false)]
    public void Ids_are_lowercase_slugs(string id, bool valid) => Assert.Equal(valid, Validator.IsSlug(id));

    [Fact]
    public void Tenant_draft_problems_are_reported_together_by_field()
    {
        var error = Assert.Throws<DomainValidationException>(() => OrganizationRules.Validate(
            new TenantDraft { Id = "Georgia!", Name = new string('x', Validator.NameMaxLength + 1), StateCode = "Georgia", LevelThresholdPercent = 55 },
            creating: true));

        Assert.Equal(["id", "levelThresholdPercent", "name", "stateCode"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Member_needs_a_name_and_a_known_stakeholder_role()
    {
        var error = Assert.Throws<DomainValidationException>(() => OrganizationRules.Validate(
            new MemberDraft { DisplayName = " ", Email = "not-an-email", StakeholderRole = (StakeholderRole)99 }));

        Assert.Equal(["displayName", "email", "stakeholderRole"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_valid_team_draft_passes()
    {
        OrganizationRules.Validate(new TeamDraft { Name = "CAFÉ", DistrictId = "meriwether-county" });
        Assert.True(Validator.IsSlug(OrganizationRules.NewId()));
    }
}
