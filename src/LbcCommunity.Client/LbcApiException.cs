using System.Net;

namespace LbcCommunity.Client;

/// <summary>The API answered with a problem (RFC 9457). Carries the status, title, detail, field errors and the code.</summary>
public sealed class LbcApiException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors, string? code = null)
    : Exception($"{(int)status} {title}{(detail is null ? string.Empty : ": " + detail)}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>Problems by request field, for validation errors (400); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The refusal's stable code (<c>LbcCommunity.Errors.ErrorCodes</c>, docs/errors.md); null when the answer had none.</summary>
    public string? Code { get; } = code;
}
