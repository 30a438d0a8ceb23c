import type { ComponentType } from "react";
import type { ActivityKind } from "../../convening";
import type { ActivityPanelProps } from "./panel";
import { ConsensusPanel } from "./consensus/ConsensusPanel";
import { FourQuestionsPanel } from "./questions/FourQuestionsPanel";
import { DepthPollPanel } from "./poll/DepthPollPanel";

/**
 * The panel of each kind of activity. A kind without one (World Café, until its panel joins this map from
 * ./cafe/) gets a plain sentence from the console instead.
 */
export const activityPanels: Partial<Record<ActivityKind, ComponentType<ActivityPanelProps>>> = {
  ConsensusBuilding: ConsensusPanel,
  FourSimpleQuestions: FourQuestionsPanel,
  DepthPoll: DepthPollPanel,
};
