namespace LbcCommunity.Organization;

/// <summary>The perspective a member brings to the table. Families are equal participants.</summary>
public enum StakeholderRole
{
    /// <summary>A parent or family member of a student.</summary>
    FamilyMember = 1,

    /// <summary>A parent mentor (a family member employed to support other families).</summary>
    ParentMentor = 2,

    /// <summary>A student or youth.</summary>
    Student = 3,

    /// <summary>A general or special education teacher.</summary>
    Teacher = 4,

    /// <summary>A school principal or assistant principal.</summary>
    Principal = 5,

    /// <summary>A school psychologist, counselor or social worker.</summary>
    SchoolPsychologist = 6,

    /// <summary>A district administrator (special education director, superintendent's office).</summary>
    DistrictAdministrator = 7,

    /// <summary>A community partner (agency, business, faith or civic group).</summary>
    CommunityPartner = 8,

    /// <summary>State agency or SPDG staff.</summary>
    StateStaff = 9,

    /// <summary>Any other stakeholder.</summary>
    Other = 10,
}
