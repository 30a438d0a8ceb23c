// The stable codes of refusals (docs/errors.md): LbcCommunity.Errors.ErrorCodes, name for name and value for value
// (tests/LbcCommunity.Tests/Web/WireTypesTests.cs holds them together).

export const ErrorCodes = {
  Invalid: "invalid",
  NotFound: "not-found",
  Conflict: "conflict",
  Forbidden: "forbidden",
  SignInRequired: "sign-in-required",
  RateLimited: "rate-limited",
  ConveningMoving: "convening-moving",
  NotJoined: "not-joined",
  ConveningEnded: "convening-ended",
  ConveningBegun: "convening-begun",
  JoinCodeInactive: "join-code-inactive",
  ActivityNotActive: "activity-not-active",
  RoundClosed: "round-closed",
  PollClosed: "poll-closed",
  RoundRunning: "round-running",
  NoRoundRunning: "no-round-running",
  NotAtTable: "not-at-table",
  AnswersSaved: "answers-saved",
  PersonalActionsClosed: "personal-actions-closed",
  StoryStatus: "story-status",
  AttachmentRefused: "attachment-refused",
  ReportStatus: "report-status",
} as const;

/** A code the server publishes. New codes may be added: treat one this app does not know like `invalid`. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
