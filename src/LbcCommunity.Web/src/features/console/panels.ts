import type { ComponentType } from "react";
import type { ActivityKind } from "../../convening";
import type { ActivityPanelProps } from "./panel";
import { ConsensusPanel } from "./consensus/ConsensusPanel";
import { FourQuestionsPanel } from "./questions/FourQuestionsPanel";
import { DepthPollPanel } from "./poll/DepthPollPanel";
import { CafePanel } from "./cafe/CafePanel";
import { PersonalActionsPanel } from "./personal/PersonalActionsPanel";

/** The panel of each kind of activity: a kind added to the protocol without one fails the build here. */
export const activityPanels: Record<ActivityKind, ComponentType<ActivityPanelProps>> = {
  WorldCafe: CafePanel,
  ConsensusBuilding: ConsensusPanel,
  FourSimpleQuestions: FourQuestionsPanel,
  DepthPoll: DepthPollPanel,
  PersonalActionPlan: PersonalActionsPanel,
};
