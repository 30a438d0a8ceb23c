using LbcCommunity.Access;
using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Grains;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Demo;

/// <summary>
/// A realistic demo tenant: the Georgia Department of Education, its GraduateFIRST initiative with district teams in
/// six regions (the CAFÉ team of Manchester, GA among them) and two communities of practice; a year of the teams'
/// ratings and two past convenings of the CAFÉ team. Loading it twice changes nothing: every step skips what already
/// exists.
/// </summary>
public static partial class DemoData
{
    public const string TenantId = "ga";
    public const string InitiativeId = "graduatefirst";
    public const string CafeTeamId = "cafe-manchester";

    /// <summary>The demo tenant's state admin (GraduateFIRST staff).</summary>
    public const string StateAdminEmail = "spdg.director@gadoe.example";

    /// <summary>The demo coordinator of the CAFÉ team's region.</summary>
    public const string CoordinatorEmail = "coordinator@resa.example";

    private static readonly (string Id, string Name, string[] Districts)[] Regions =
    [
        ("west-georgia", "West Georgia RESA", ["Meriwether County", "Troup County", "Coweta County", "Carroll County", "Heard County"]),
        ("metro", "Metro RESA", ["Clayton County", "Rockdale County", "Douglas County", "Marietta City", "Decatur City"]),
        ("northwest-georgia", "Northwest Georgia RESA", ["Floyd County", "Bartow County", "Gordon County", "Polk County", "Chattooga County"]),
        ("middle-georgia", "Middle Georgia RESA", ["Bibb County", "Houston County", "Peach County", "Crawford County", "Jones County"]),
        ("southwest-georgia", "Southwest Georgia RESA", ["Dougherty County", "Thomas County", "Mitchell County", "Grady County", "Colquitt County"]),
        ("coastal-plains", "Coastal Plains RESA", ["Lowndes County", "Tift County", "Cook County", "Berrien County", "Lanier County"]),
    ];

    /// <summary>Loads the demo tenant if it is not there yet, dated by the system clock. Returns the number of entities created now.</summary>
    public static Task<int> LoadAsync(IGrainFactory grains, ILogger logger, CancellationToken cancellationToken = default) =>
        LoadAsync(grains, TimeProvider.System, logger, cancellationToken);

    /// <summary>
    /// Loads the demo tenant if it is not there yet: ratings go back a year from <paramref name="clock"/>'s now (the
    /// domain clock's, so they are never in the grains' future). Returns the number of entities created now.
    /// </summary>
    public static async Task<int> LoadAsync(IGrainFactory grains, TimeProvider clock, ILogger logger, CancellationToken cancellationToken = default)
    {
        TenantScope.EnterPlatform();
        var created = 0;
        await grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).Add(TenantId);
        var tenant = grains.GetGrain<ITenantGrain>(TenantId);
        created += await Ensure(() => tenant.Create(new TenantDraft
        {
            Id = TenantId,
            Name = "Georgia Department of Education",
            StateCode = "GA",
            LevelThresholdPercent = 50,
        }));

        var initiative = grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, InitiativeId));
        created += await Ensure(() => tenant.StartInitiative(new InitiativeDraft
        {
            Id = InitiativeId,
            Name = "GraduateFIRST",
            Description = "Georgia's SPDG initiative to raise graduation rates and school completion for students with disabilities, working with district teams through Leading by Convening.",
            FundingSource = "State Personnel Development Grant (SPDG), OSEP",
        }));

        foreach (var (regionId, regionName, districts) in Regions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            created += await Ensure(() => tenant.AddRegion(new RegionDraft { Id = regionId, Name = regionName }));
            foreach (var districtName in districts)
            {
                var districtId = Slug(districtName);
                created += await Ensure(() => tenant.AddDistrict(new DistrictDraft { Id = districtId, Name = districtName, RegionId = regionId }));
                var teamId = districtId == "meriwether-county" ? CafeTeamId : $"{districtId}-team";
                var teamName = districtId == "meriwether-county"
                    ? "CAFÉ — Circles of Adults Focusing on Education (Manchester, GA)"
                    : $"{districtName} GraduateFIRST team";
                created += await Ensure(() => initiative.EnrolTeam(new TeamDraft { Id = teamId, Name = teamName, DistrictId = districtId }));
            }
        }

        // People who sign in with the development sign-in: state staff, and the coordinator of the CAFÉ team's region.
        var access = grains.GetGrain<ITenantAccessGrain>(TenantId);
        if (!(await access.ListPeople()).Any(p => p.StaffGrants.Count > 0))
        {
            var cafeRegion = (await tenant.GetDistrict("meriwether-county")).RegionId;
            await access.SetStaff(new StaffDraft { Email = StateAdminEmail, DisplayName = "GraduateFIRST state director", StateAdmin = true });
            await access.SetStaff(new StaffDraft { Email = CoordinatorEmail, DisplayName = "Regional coordinator", CoordinatesRegionIds = [cafeRegion] });
            created += 2;
        }

        var cafe = grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, CafeTeamId));
        if ((await cafe.ListMembers()).Count == 0)
        {
            foreach (var member in CafeMembers)
            {
                await cafe.AddMember(member);
                created++;
            }
        }

        created += await Ensure(() => tenant.StartCommunity(new CommunityDraft
        {
            Id = "parent-mentors",
            Name = "Parent Mentors Community of Practice",
            Description = "Georgia's parent mentors share how they bring families to the table as partners.",
            Focus = "Family engagement",
        }));
        created += await Ensure(() => tenant.StartCommunity(new CommunityDraft
        {
            Id = "transition",
            Name = "Statewide Transition Community of Practice",
            Description = "Educators, families, students and agencies working on the move from school to adult life.",
            Focus = "Secondary transition",
        }));

        var now = clock.GetUtcNow();
        created += await LoadRatingsAsync(grains, now, cancellationToken);
        created += await LoadConveningsAsync(grains, now, cancellationToken);
        created += await LoadStoriesAsync(grains, cancellationToken);
        created += await LoadActionPlanAsync(grains, now);

        LogLoaded(logger, TenantId, created);
        return created;
    }

    private static readonly MemberDraft[] CafeMembers =
    [
        new() { DisplayName = "Team facilitator (district)", Email = "facilitator@cafe.example", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true },
        new() { DisplayName = "Parent mentor", Email = "parent.mentor@cafe.example", StakeholderRole = StakeholderRole.ParentMentor },
        new() { DisplayName = "Family member", StakeholderRole = StakeholderRole.FamilyMember },
        new() { DisplayName = "High school principal", Email = "principal@cafe.example", StakeholderRole = StakeholderRole.Principal },
        new() { DisplayName = "Special education teacher", Email = "teacher@cafe.example", StakeholderRole = StakeholderRole.Teacher },
        new() { DisplayName = "Community partner (faith community)", StakeholderRole = StakeholderRole.CommunityPartner },
        new() { DisplayName = "Student representative", StakeholderRole = StakeholderRole.Student },
    ];

    /// <summary>Runs a create step; one that finds its entity already there counts as nothing to do.</summary>
    private static async Task<int> Ensure<T>(Func<Task<T>> create)
    {
        try
        {
            await create();
            return 1;
        }
        catch (EntityConflictException)
        {
            return 0;
        }
    }

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data for tenant {TenantId} is loaded ({Created} entities created now).")]
    private static partial void LogLoaded(ILogger logger, string tenantId, int created);
}

/// <summary>Loads the demo data once the silo is up, when <c>Demo:Seed</c> is true (the <c>--seed-demo</c> flag).</summary>
internal sealed class DemoDataLoader(IGrainFactory grains, [FromKeyedServices(DomainClock.Key)] TimeProvider clock, ILogger<DemoDataLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => DemoData.LoadAsync(grains, clock, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
