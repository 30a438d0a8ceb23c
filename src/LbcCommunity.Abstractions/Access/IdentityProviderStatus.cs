using System.Text.Json.Serialization;

namespace LbcCommunity.Access;

/// <summary>What the platform last learned about an identity provider: whether people can sign in through it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentityProviderStatus>))]
public enum IdentityProviderStatus
{
    /// <summary>Saved, but its client secret could not be checked without a person signing in; no sign-in yet.</summary>
    [JsonStringEnumMemberName("untested")]
    Untested,

    /// <summary>The last check (on save, a test-connection or a sign-in) went through.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The last check or sign-in failed because of the provider or its set-up; see the provider's <c>lastError</c>.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}

/// <summary>The outcome of one check of an identity provider (on save, test-connection, or a sign-in that failed).</summary>
[GenerateSerializer, Immutable]
public sealed record IdentityProviderCheck
{
    [Id(0)] public required IdentityProviderStatus Status { get; init; }

    /// <summary>What went wrong, for the state admin (never a secret); for <see cref="IdentityProviderStatus.Untested"/>, why it could not be told.</summary>
    [Id(1)] public string? Message { get; init; }

    [Id(2)] public required DateTimeOffset At { get; init; }
}

/// <summary>What a provider's set-up means when it leaves something out.</summary>
public static class IdentityProviderDefaults
{
    /// <summary>The scopes asked for (besides <c>openid</c>) when a provider names none.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["email", "profile"];
}
