using System.Diagnostics.CodeAnalysis;

namespace LbcCommunity.Access;

/// <summary>The roles a person (or a program) can hold. What each may do is decided by <see cref="Caller"/>.</summary>
public enum AccessRole
{
    /// <summary>Runs the platform: sets up tenants and sees the operations dashboard; sees no tenant's data.</summary>
    PlatformOperator = 1,

    /// <summary>State SPDG staff who administer the tenant: every initiative, region, team and community.</summary>
    StateAdmin = 2,

    /// <summary>Sees the teams and roll-ups of one region.</summary>
    RegionalCoordinator = 3,

    /// <summary>Runs a district team: its roster, its consensus ratings and its convenings.</summary>
    TeamFacilitator = 4,

    /// <summary>A member of a district team (families included): the team's record and their own ratings.</summary>
    TeamMember = 5,

    /// <summary>Runs a community of practice.</summary>
    CommunityFacilitator = 6,

    /// <summary>A member of a community of practice.</summary>
    CommunityMember = 7,

    /// <summary>Invited to one convening with a join code; nothing else.</summary>
    Guest = 8,

    /// <summary>A state's data system pulling roll-ups with client credentials; reads roll-ups only.</summary>
    Integration = 9,
}

/// <summary>
/// One role a person holds and where it applies: a region, team or community id, or the convening of a guest.
/// Tenant-wide roles have no scope. Travels in tokens as one claim each (<see cref="ClaimValue"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Grant
{
    /// <summary>The claim type grants travel in.</summary>
    public const string ClaimType = "lbc_grant";

    [Id(0)] public required AccessRole Role { get; init; }

    /// <summary>The region, team, community or convening id the role applies to; <c>null</c> for tenant-wide roles.</summary>
    [Id(1)] public string? ScopeId { get; init; }

    /// <summary>The person's member id on the team's or community's roster.</summary>
    [Id(2)] public string? MemberId { get; init; }

    /// <summary>The role's name in tokens and documents: <c>team-facilitator</c>.</summary>
    public static string NameOf(AccessRole role) => role switch
    {
        AccessRole.PlatformOperator => "platform-operator",
        AccessRole.StateAdmin => "state-admin",
        AccessRole.RegionalCoordinator => "regional-coordinator",
        AccessRole.TeamFacilitator => "team-facilitator",
        AccessRole.TeamMember => "team-member",
        AccessRole.CommunityFacilitator => "community-facilitator",
        AccessRole.CommunityMember => "community-member",
        AccessRole.Guest => "guest",
        AccessRole.Integration => "integration",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The role named <paramref name="name"/> (<c>state-admin</c>), if there is one.</summary>
    public static bool TryParseRole(string? name, out AccessRole role)
    {
        foreach (var candidate in Enum.GetValues<AccessRole>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>Whether <paramref name="role"/> applies to one region, team, community or convening.</summary>
    public static bool IsScoped(AccessRole role) => role is not (AccessRole.PlatformOperator or AccessRole.StateAdmin or AccessRole.Integration);

    /// <summary><c>role[:scope[:member]]</c>: ids are slugs, so the colon cannot occur in them.</summary>
    public string ClaimValue => (ScopeId, MemberId) switch
    {
        (null, _) => NameOf(Role),
        (_, null) => $"{NameOf(Role)}:{ScopeId}",
        _ => $"{NameOf(Role)}:{ScopeId}:{MemberId}",
    };

    /// <summary>Reads a grant from its claim value; false for anything malformed.</summary>
    public static bool TryParse(string? claimValue, [NotNullWhen(true)] out Grant? grant)
    {
        grant = null;
        var parts = (claimValue ?? string.Empty).Split(':');
        if (parts.Length > 3 || !TryParseRole(parts[0], out var role) || parts.Skip(1).Any(string.IsNullOrEmpty))
        {
            return false;
        }

        if (IsScoped(role) != parts.Length > 1)
        {
            return false;
        }

        grant = new Grant { Role = role, ScopeId = parts.ElementAtOrDefault(1), MemberId = parts.ElementAtOrDefault(2) };
        return true;
    }
}
