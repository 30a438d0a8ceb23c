// The hubs' methods: for each, its parameters in order (named as on the server) and what it answers. Held to
// ConveningHub and MonitoringHub by reflection (tests/LbcCommunity.Host.Tests/Web/HubMethodsTests.cs): a method added,
// renamed or given another parameter on the server fails there until it is published here.
import type { AgreementScale, ConsensusOutcome } from "./enums";
import type { ActionAck, CafeRoundPreview, CafeTableDraft, JoinRequest, JoinResult, PollRating, RatingDraft, ResumeResult, RosterPage, RosterRequest } from "./convening";
import type { RollUpView } from "./monitoring";

/** `/hubs/convening`: every action takes tenantId, conveningId and the client's actionId first. */
export interface ConveningHubMethods {
  Join: [tenantId: string, conveningId: string, request: JoinRequest];
  Resume: [tenantId: string, conveningId: string, participantId: string, lastSequence: number];
  Roster: [tenantId: string, conveningId: string, request: RosterRequest];
  StartActivity: [tenantId: string, conveningId: string, actionId: string, agendaItemId: string];
  OpenConsensusRound: [tenantId: string, conveningId: string, actionId: string, proposal: string, scale: AgreementScale, anonymous: boolean, hideResults: boolean];
  CastVote: [tenantId: string, conveningId: string, actionId: string, level: number];
  RaiseConcern: [tenantId: string, conveningId: string, actionId: string, text: string];
  RevealResults: [tenantId: string, conveningId: string, actionId: string];
  CloseRound: [tenantId: string, conveningId: string, actionId: string];
  RecordOutcome: [tenantId: string, conveningId: string, actionId: string, outcome: ConsensusOutcome];
  OpenDepthPoll: [tenantId: string, conveningId: string, actionId: string, rowIds: string[]];
  SubmitPollRating: [tenantId: string, conveningId: string, actionId: string, rating: PollRating];
  RecordPollConsensus: [tenantId: string, conveningId: string, actionId: string, consensus: RatingDraft];
  SetUpCafe: [tenantId: string, conveningId: string, actionId: string, tables: CafeTableDraft[]];
  StartCafeRound: [tenantId: string, conveningId: string, actionId: string, minutes: number];
  ExtendCafeRound: [tenantId: string, conveningId: string, actionId: string, minutes: number];
  EndCafeRound: [tenantId: string, conveningId: string, actionId: string];
  PreviewCafeRound: [tenantId: string, conveningId: string];
  MessageTables: [tenantId: string, conveningId: string, actionId: string, text: string];
  MoveParticipant: [tenantId: string, conveningId: string, actionId: string, participantId: string, tableId: string];
  AddTableNote: [tenantId: string, conveningId: string, actionId: string, tableId: string, text: string];
  SaveHarvest: [tenantId: string, conveningId: string, actionId: string, text: string];
  AnswerQuestion: [tenantId: string, conveningId: string, actionId: string, question: number, text: string];
  Upvote: [tenantId: string, conveningId: string, actionId: string, answerId: string];
  SaveAnswers: [tenantId: string, conveningId: string, actionId: string];
  WritePersonalAction: [tenantId: string, conveningId: string, actionId: string, text: string, dueOn: string | null];
  RemovePersonalAction: [tenantId: string, conveningId: string, actionId: string, personalActionId: string];
  ClosePersonalActions: [tenantId: string, conveningId: string, actionId: string];
  CloseConvening: [tenantId: string, conveningId: string, actionId: string];
}

/** What each ConveningHub method answers. */
export interface ConveningHubResults {
  Join: JoinResult;
  Resume: ResumeResult;
  Roster: RosterPage;
  StartActivity: ActionAck;
  OpenConsensusRound: ActionAck;
  CastVote: ActionAck;
  RaiseConcern: ActionAck;
  RevealResults: ActionAck;
  CloseRound: ActionAck;
  RecordOutcome: ActionAck;
  OpenDepthPoll: ActionAck;
  SubmitPollRating: ActionAck;
  RecordPollConsensus: ActionAck;
  SetUpCafe: ActionAck;
  StartCafeRound: ActionAck;
  ExtendCafeRound: ActionAck;
  EndCafeRound: ActionAck;
  PreviewCafeRound: CafeRoundPreview;
  MessageTables: ActionAck;
  MoveParticipant: ActionAck;
  AddTableNote: ActionAck;
  SaveHarvest: ActionAck;
  AnswerQuestion: ActionAck;
  Upvote: ActionAck;
  SaveAnswers: ActionAck;
  WritePersonalAction: ActionAck;
  RemovePersonalAction: ActionAck;
  ClosePersonalActions: ActionAck;
  CloseConvening: ActionAck;
}

/** `/hubs/monitoring`. */
export interface MonitoringHubMethods {
  WatchInitiative: [tenantId: string, initiativeId: string];
  WatchRegion: [tenantId: string, initiativeId: string, regionId: string];
  StopWatching: [tenantId: string, initiativeId: string, regionId: string | null];
}

/** What each MonitoringHub method answers. */
export interface MonitoringHubResults {
  WatchInitiative: RollUpView;
  WatchRegion: RollUpView;
  StopWatching: void;
}

/** The ConveningHub's actions: the methods whose first three parameters are tenantId, conveningId and actionId. */
export type ConveningActionMethod = {
  [M in keyof ConveningHubMethods]: ConveningHubMethods[M] extends [string, string, string, ...unknown[]] ? (ConveningHubResults[M] extends ActionAck ? M : never) : never;
}[keyof ConveningHubMethods];

/** An action's own arguments, after tenantId, conveningId and actionId. */
export type ConveningActionArgs<M extends ConveningActionMethod> = ConveningHubMethods[M] extends [string, string, string, ...infer Rest] ? Rest : never;
