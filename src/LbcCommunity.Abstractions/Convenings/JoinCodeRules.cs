using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>
/// The rules of a convening's join codes: how long one works and what a facilitator may note on it. Checked where a
/// facilitator asks for a code and again by the convening that keeps it, so no path stores a code that works too long.
/// </summary>
public static class JoinCodeRules
{
    /// <summary>How long a join code works when the facilitator does not say.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    /// <summary>The longest a join code may work: anyone who hears the code can join while it works.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(14);

    /// <summary>
    /// How long the requested code works (<see cref="DefaultLifetime"/> when <paramref name="validForHours"/> is left
    /// out); refuses a label that is too long and hours outside 1–336, naming the field.
    /// </summary>
    public static TimeSpan Lifetime(string? label, int? validForHours)
    {
        var v = new Validator().OptionalText("label", label, Validator.NameMaxLength);
        // Hours are compared as hours: a huge count must be refused, not overflow the TimeSpan it would become.
        if (validForHours is { } hours && (hours < 1 || hours > MaxLifetime.TotalHours))
        {
            v.Add("validForHours", $"'validForHours' must be 1–{MaxLifetime.TotalHours:0}.");
        }

        v.ThrowIfInvalid();
        return validForHours is { } valid ? TimeSpan.FromHours(valid) : DefaultLifetime;
    }

    /// <summary>Refuses a code about to be kept that has no id or issuer, a label too long, or a lifetime outside the rules.</summary>
    public static void Validate(JoinCode code)
    {
        var v = new Validator();
        v.RequiredText("id", code.Id, Validator.IdMaxLength);
        // The issuer is the caller's subject, which for an operator holds a whole e-mail: required, with no name's limit.
        if (string.IsNullOrWhiteSpace(code.IssuedBy))
        {
            v.Add("issuedBy", "'issuedBy' is required.");
        }

        v.OptionalText("label", code.Label, Validator.NameMaxLength);
        var lifetime = code.ExpiresAt - code.IssuedAt;
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            v.Add("expiresAt", $"A join code works for 1–{MaxLifetime.TotalHours:0} hours after it is issued.");
        }

        v.ThrowIfInvalid();
    }
}
