using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Tests.Convenings;

public sealed class JoinCodeRulesTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_code_works_a_day_when_the_facilitator_does_not_say()
    {
        Assert.Equal(TimeSpan.FromHours(24), JoinCodeRules.Lifetime("Families", validForHours: null));
        Assert.Equal(JoinCodeRules.DefaultLifetime, JoinCodeRules.Lifetime(label: null, validForHours: null));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(72)]
    [InlineData(336)]
    public void A_code_works_for_the_hours_asked_from_one_hour_to_two_weeks(int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), JoinCodeRules.Lifetime("Families", hours));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(337)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Hours_outside_one_to_two_weeks_are_refused_naming_the_field(int hours)
    {
        var error = Assert.Throws<DomainValidationException>(() => JoinCodeRules.Lifetime("Families", hours));

        Assert.Equal(["validForHours"], error.Errors.Keys);
        Assert.Equal(["'validForHours' must be 1–336."], error.Errors["validForHours"]);
        Assert.Equal(ErrorCodes.Invalid, error.Code);
    }

    [Fact]
    public void A_label_too_long_and_bad_hours_are_reported_together()
    {
        var error = Assert.Throws<DomainValidationException>(() => JoinCodeRules.Lifetime(new string('x', Validator.NameMaxLength + 1), 0));

        Assert.Equal(["label", "validForHours"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_label_of_the_longest_name_passes() =>
        Assert.Equal(JoinCodeRules.DefaultLifetime, JoinCodeRules.Lifetime(new string('x', Validator.NameMaxLength), null));

    [Fact]
    public void A_code_to_keep_needs_an_id_an_issuer_and_a_lifetime_within_the_rules()
    {
        var error = Assert.Throws<DomainValidationException>(() => JoinCodeRules.Validate(new JoinCode
        {
            Id = " ",
            Label = new string('x', Validator.NameMaxLength + 1),
            IssuedAt = IssuedAt,
            ExpiresAt = IssuedAt,
            IssuedBy = "",
        }));

        Assert.Equal(["expiresAt", "id", "issuedBy", "label"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_code_kept_longer_than_two_weeks_is_refused_and_one_of_exactly_two_weeks_passes()
    {
        var longest = new JoinCode { Id = "jc-1", IssuedAt = IssuedAt, ExpiresAt = IssuedAt + JoinCodeRules.MaxLifetime, IssuedBy = "p-1" };

        JoinCodeRules.Validate(longest);
        var error = Assert.Throws<DomainValidationException>(() => JoinCodeRules.Validate(longest with { ExpiresAt = longest.ExpiresAt.AddTicks(1) }));

        Assert.Equal(["expiresAt"], error.Errors.Keys);
    }

    [Fact]
    public void A_code_issued_by_an_operator_whose_subject_holds_a_long_e_mail_passes() =>
        JoinCodeRules.Validate(new JoinCode
        {
            Id = "jc-1",
            IssuedAt = IssuedAt,
            ExpiresAt = IssuedAt.AddDays(1),
            IssuedBy = "operator:" + new string('a', 64) + "@" + new string('b', Validator.EmailMaxLength - 65),
        });
}
