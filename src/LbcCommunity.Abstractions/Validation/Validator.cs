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

    /// <summary>An optional e-mail address.</summary>
    public Validator Email(string field, string? value)
    {
        if (value is null)
        {
            return this;
        }

        if (value.Length > 254 || !EmailPattern().IsMatch(value))
        {
            Add(field, $"'{field}' must be an e-mail address.");
        }

        return this;
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

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
