import { Link } from "react-router-dom";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import type { ConveningListing } from "../../protocol";
import { api, teamKey, useRubric, useTeam, wordsIn } from "./queries";

/**
 * The team's convenings, planned and past, each linked to its summary with what it produced (the consensus outcome,
 * the café's harvest), and the evidence and harvests kept on the team's record.
 */
export function TeamWork({ tenantId, teamId }: { tenantId: string; teamId: string }) {
  const { t, i18n } = useTranslation("team");
  // Everyone who reads the team's page reads its convenings: its people, state staff and its region's coordinator.
  const convenings = useQuery({
    queryKey: [...teamKey(tenantId, teamId), "convenings"],
    queryFn: () => api.teamConvenings(tenantId, teamId),
  });
  const evidence = useQuery({ queryKey: [...teamKey(tenantId, teamId), "evidence"], queryFn: () => api.evidence(tenantId, teamId) });
  const harvests = useQuery({ queryKey: [...teamKey(tenantId, teamId), "harvests"], queryFn: () => api.harvests(tenantId, teamId) });
  const team = useTeam(tenantId, teamId).data;
  const rubric = useRubric(tenantId, team?.initiativeId).data;
  const list = convenings.data ?? [];
  const past = list.filter((c) => c.status === "Ended");
  const planned = list.filter((c) => c.status !== "Ended");
  const summaries = useQueries({
    queries: past.map((c) => ({
      queryKey: ["tenants", tenantId, "convenings", c.id, "summary"],
      queryFn: () => api.summary(tenantId, c.id),
      retry: (n: number, e: Error) => !(e instanceof ApiError && e.status < 500) && n < 2,
    })),
  });
  const titleOf = (conveningId?: string) => list.find((c) => c.id === conveningId)?.title ?? conveningId ?? "";
  const when = (iso?: string) => iso ? new Date(iso).toLocaleString(i18n.language) : t("work.noTime");
  const summaryLink = (c: ConveningListing) => (
    <Link to={`/convenings/${encodeURIComponent(c.id)}/summary`} aria-label={t("work.summary", { title: c.title })}>{c.title}</Link>
  );
  const rowTitle = (rowId: string) => wordsIn(rubric?.rows.find((r) => r.id === rowId)?.title, i18n.language) || rowId;
  const fromLink = (conveningId?: string) => conveningId && (
    <> · <Link to={`/convenings/${encodeURIComponent(conveningId)}/summary`}>{t("work.fromConvening", { title: titleOf(conveningId) })}</Link></>
  );

  return (
    <section id="work" aria-labelledby="work-heading" className="team-section">
      <h2 id="work-heading">{t("work.heading")}</h2>
      {convenings.error && <p role="alert">{convenings.error.message}</p>}
      {convenings.data && (
        <>
          <h3>{t("work.planned")}</h3>
          {planned.length === 0 ? <p>{t("work.noPlanned")}</p> : (
            <ul className="work-list">{planned.map((c) => <li key={c.id}>{summaryLink(c)} · {when(c.startsAt)}</li>)}</ul>
          )}
          <h3>{t("work.past")}</h3>
          {past.length === 0 ? <p>{t("work.noPast")}</p> : (
            <ul className="work-list">
              {past.map((c, i) => {
                const s = summaries[i]?.data;
                return (
                  <li key={c.id}>
                    {summaryLink(c)} · {when(s?.endedAt ?? c.startsAt)}
                    {s?.decision.outcome && <div>{t("work.outcome", { outcome: t(`work.outcomes.${s.decision.outcome}`) })}</div>}
                    {s?.harvest && <div className="harvest">{t("work.harvest", { text: s.harvest })}</div>}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      <h3>{t("work.evidence")}</h3>
      {evidence.error && <p role="alert">{evidence.error.message}</p>}
      {evidence.data && (evidence.data.length === 0 ? <p>{t("work.noEvidence")}</p> : (
        <ul className="work-list">
          {evidence.data.map((n, i) => <li key={i}><strong>{rowTitle(n.rowId)}</strong>: {n.text} · {when(n.recordedAt)}{fromLink(n.conveningId)}</li>)}
        </ul>
      ))}
      <h3>{t("work.harvests")}</h3>
      {harvests.error && <p role="alert">{harvests.error.message}</p>}
      {harvests.data && (harvests.data.length === 0 ? <p>{t("work.noHarvests")}</p> : (
        <ul className="work-list">
          {harvests.data.map((h, i) => <li key={i} className="harvest">{h.text} · {when(h.recordedAt)}{fromLink(h.conveningId)}</li>)}
        </ul>
      ))}
    </section>
  );
}
