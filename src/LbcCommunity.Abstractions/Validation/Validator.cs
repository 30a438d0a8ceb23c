using System.Text.RegularExpressions;
using LbcCommunity.Errors;

namespace LbcCommunity.Validation;

/// <summary>
/// Collects the problems of one request by field, then throws them all at once.
/// Used at the edge (HTTP) and again in grains, so no path stores bad data.
/// </summary>
public sealed partial class Validator
{
    /// <summary>Longest name of any entity.</summary>
    public const int NameMaxLength = 200;

    /// <summary>Longest free-text description.</summary>
    public const int DescriptionMaxLength = 4000;

    /// <summary>Longest id (a slug).</summary>
    public const int IdMaxLength = 64;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no problem was found.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Records a problem with <paramref name="field"/>.</summary>
    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    /// <summary>A required text of at most <paramref name="maxLength"/> characters.</summary>
    public Validator RequiredText(string field, string? value, int maxLength = NameMaxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, $"'{field}' is required.");
        }

        return OptionalText(field, value, maxLength);
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters.</summary>
    public Validator OptionalText(string field, string? value, int maxLength = DescriptionMaxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"'{field}' must be at most {maxLength} characters (it has {value.Length}).");
        }

        return this;
    }

    /// <summary>A required id: lowercase letters, digits and single hyphens, starting with a letter or digit.</summary>
    public Validator Slug(string field, string? value, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? Add(field, $"'{field}' is required.") : this;
        }

        if (value.Length > IdMaxLength || !SlugPattern().IsMatch(value))
        {
            Add(field, $"'{field}' must be 1–{IdMaxLength} characters of lowercase letters, digits and single hyphens (like 'cafe-manchester').");
        }

        return this;
    }

    /// <summary>Longest e-mail address (RFC 5321: a 256-octet path less its angle brackets).</summary>
    public const int EmailMaxLength = 254;

    /// <summary>
    /// An optional e-mail address, strictly: an ASCII dot-atom local part of at most 64 characters (RFC 5322 atext:
    /// letters, digits and <c>!#$%&amp;'*+/=?^_`{|}~-</c>), <c>@</c>, and a host name of two or more labels. Quoted
    /// local parts, address literals, spaces, control characters and angle brackets are refused: an address is stored,
    /// shown and matched at sign-in, so it must be one a mail system would route and no page could mistake for markup.
    /// </summary>
    public Validator Email(string field, string? value)
    {
        if (value is not null && !IsEmail(value))
        {
            Add(field, $"'{field}' must be an e-mail address such as 'name@district.example' (no spaces, quotes, angle brackets or control characters).");
        }

        return this;
    }

    /// <summary>An optional e-mail domain: a lower-case host name of two or more labels, such as <c>doe.k12.ga.us</c>.</summary>
    public Validator EmailDomain(string field, string? value)
    {
        if (value is null || !EmailDomainPattern().IsMatch(value))
        {
            Add(field, $"'{field}' must be a lower-case host name such as 'doe.k12.ga.us'.");
        }

        return this;
    }

    /// <summary>True when <paramref name="value"/> is an e-mail address by the rule of <see cref="Email"/>.</summary>
    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > EmailMaxLength)
        {
            return false;
        }

        var at = value.LastIndexOf('@');
        return at is > 0 and <= 64 && EmailLocalPartPattern().IsMatch(value.AsSpan(0, at)) && HostNamePattern().IsMatch(value.AsSpan(at + 1));
    }

    /// <summary>A defined value of an enum (JSON may carry numbers that name no member).</summary>
    public Validator Defined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add(field, $"'{field}' must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }

        return this;
    }

    /// <summary>The problems found so far.</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Throws a <see cref="DomainValidationException"/> when any problem was found.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new DomainValidationException(Errors);
        }
    }

    /// <summary>True when <paramref name="value"/> is a valid id.</summary>
    public static bool IsSlug(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= IdMaxLength && SlugPattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    // RFC 5322 dot-atom, ASCII only. \z rather than $: $ would let a trailing line feed through.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLocalPartPattern();

    // Labels of 1–63 letters, digits and inner hyphens; two or more of them; 253 characters at most.
    [GeneratedRegex(@"^(?=.{1,253}\z)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostNamePattern();

    [GeneratedRegex(@"^(?=.{1,253}\z)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailDomainPattern();
}
