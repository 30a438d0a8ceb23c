import { useTranslation } from "react-i18next";
import type { QuarterFacts } from "./api";

/** The quarter's facts as the report carries them: convenings, participants by role, ratings moved, decisions. */
export function Facts({ facts }: { facts: QuarterFacts }) {
  const { t } = useTranslation("reports");
  const roles = facts.participants.byRole.filter((r) => r.count > 0);
  return (
    <section aria-labelledby="facts-heading" className="facts">
      <h2 id="facts-heading">{t("factsHeading")}</h2>
      <p className="note">{t("factsNote")}</p>
      <dl className="figures">
        <div><dt>{t("conveningsHeld")}</dt><dd data-testid="fact-convenings">{facts.convenings.length}</dd></div>
        <div><dt>{t("participants")}</dt><dd data-testid="fact-participants">{facts.participants.participants}</dd></div>
        <div><dt>{t("familyVoices")}</dt><dd data-testid="fact-families">{facts.participants.familyVoices}</dd></div>
        <div><dt>{t("ratings")}</dt><dd data-testid="fact-ratings">{facts.ratings.consensusRatings}</dd></div>
      </dl>
      {roles.length > 0 && (
        <table className="usa-table">
          <caption>{t("byRole")}</caption>
          <thead><tr><th scope="col">{t("role")}</th><th scope="col">{t("count")}</th></tr></thead>
          <tbody>{roles.map((r) => <tr key={r.stakeholderRole}><th scope="row">{r.stakeholderRole}</th><td>{r.count}</td></tr>)}</tbody>
        </table>
      )}
      <h3>{t("movedUp")}</h3>
      {facts.ratings.movedUp.length === 0 ? <p>{t("none")}</p>
        : <ul>{facts.ratings.movedUp.map((m) => <li key={`${m.rowId}-${m.ratedAt}`}>{t("move", { row: m.rowId, from: m.from, to: m.to })}</li>)}</ul>}
      {facts.ratings.movedDown.length > 0 && (
        <>
          <h3>{t("movedDown")}</h3>
          <ul>{facts.ratings.movedDown.map((m) => <li key={`${m.rowId}-${m.ratedAt}`}>{t("move", { row: m.rowId, from: m.from, to: m.to })}</li>)}</ul>
        </>
      )}
      <h3>{t("decisions")}</h3>
      {facts.decisions.length === 0 ? <p>{t("none")}</p>
        : <ul>{facts.decisions.map((d) => <li key={d.conveningId}>{t("decision", { proposal: d.proposal, convening: d.conveningTitle, outcome: d.outcome ?? t("noOutcome") })}</li>)}</ul>}
      <h3>{t("actions")}</h3>
      <p>{facts.actions ? t("actionsCount", { done: facts.actions.done, overdue: facts.actions.overdue, due: facts.actions.dueInPeriod ?? 0 }) : t("actionsLater")}</p>
    </section>
  );
}
