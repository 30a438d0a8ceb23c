// The enums of the wire records, as names: the host serializes enums as strings (docs/convenings.md).
// tests/LbcCommunity.Tests/Web/WireTypesTests.cs holds each union to its C# enum.

/** How a person takes part (LbcCommunity.Organization.StakeholderRole). */
export type StakeholderRole =
  | "FamilyMember"
  | "ParentMentor"
  | "Student"
  | "Teacher"
  | "Principal"
  | "SchoolPsychologist"
  | "DistrictAdministrator"
  | "CommunityPartner"
  | "StateStaff"
  | "Other";

/** Who a convening belongs to (ConveningOwnerKind). */
export type ConveningOwnerKind = "Team" | "Community" | "Initiative";

/** The kinds of agenda item (ActivityKind). */
export type ActivityKind = "WorldCafe" | "ConsensusBuilding" | "FourSimpleQuestions" | "DepthPoll" | "PersonalActionPlan";

/** The two agreement scales: fist-to-five 0–5, gradients of agreement 1–8 (AgreementScale). */
export type AgreementScale = "FistToFive" | "GradientsOfAgreement";

/** How a consensus activity ended (ConsensusOutcome). */
export type ConsensusOutcome = "ConsensusReached" | "NotYet" | "Parked";

/** The four depths of interaction, shallow to deep (LbcCommunity.Rubrics.DepthLevel). */
export type DepthLevel = "Informing" | "Networking" | "Collaborating" | "Transforming";

/** The rubric's three habits (LbcCommunity.Rubrics.Habit). */
export type Habit = "CoalescingAroundIssues" | "EnsuringRelevantParticipation" | "DoingTheWorkTogether";

/** Where a convening stands in its owner's list (ConveningStatus). */
export type ConveningStatus = "Planned" | "Live" | "Ended";

/** The four topics of stakeholder input of the SPP/APR a convening may seek (SppAprTopic). */
export type SppAprTopic = "Targets" | "DataAnalysis" | "ImprovementStrategies" | "EvaluatingProgress";
