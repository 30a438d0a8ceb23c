import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { ConveningSnapshot, Participant } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";
import type { PollSource } from "./DepthPoll";

// Each activity's code loads when it is first needed, and all of them a moment after the page is usable: a guest's
// phone on a slow link shows the convening sooner, and a phone that goes offline later still has every activity.
const load = {
  cafe: () => import("./Cafe"),
  consensus: () => import("./Consensus"),
  questions: () => import("./Questions"),
  poll: () => import("./DepthPoll"),
  personal: () => import("./PersonalActions"),
};
const Cafe = lazy(() => load.cafe().then((m) => ({ default: m.Cafe })));
const Consensus = lazy(() => load.consensus().then((m) => ({ default: m.Consensus })));
const Questions = lazy(() => load.questions().then((m) => ({ default: m.Questions })));
const DepthPoll = lazy(() => load.poll().then((m) => ({ default: m.DepthPoll })));
const PersonalActions = lazy(() => load.personal().then((m) => ({ default: m.PersonalActions })));

/** The running activity, one at a time; "waiting" while the facilitator has started none. */
export function Activity({ state, me, act, source }: { state: ConveningSnapshot; me: Participant; act: ConveningHub["act"]; source: PollSource }) {
  const { t } = useTranslation("participate");
  useEffect(() => {
    const timer = setTimeout(() => Object.values(load).forEach((l) => void l().catch(() => undefined)), 1500);
    return () => clearTimeout(timer);
  }, []);

  const kind = state.convening.agenda.find((a) => a.id === state.activeItemId)?.kind;
  const panel = (() => {
    switch (kind) {
      case "WorldCafe": return <Cafe state={state} me={me} act={act} />;
      case "ConsensusBuilding": return <Consensus state={state} act={act} />;
      case "FourSimpleQuestions": return <Questions state={state} me={me} act={act} />;
      case "DepthPoll": return <DepthPoll state={state} act={act} source={source} />;
      case "PersonalActionPlan": return <PersonalActions state={state} me={me} act={act} />;
      default: return <p role="status">{t("waiting")}</p>;
    }
  })();
  return <Suspense fallback={<p aria-live="polite">{t("loading")}</p>}>{panel}</Suspense>;
}
