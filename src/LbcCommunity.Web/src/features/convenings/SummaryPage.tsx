import { Link, useParams } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ConveningSummary, DecisionRound } from "../../protocol";
import { ApiError, scopesOf, type Me } from "../../api";
import { ResultsSharedSection } from "./ResultsShared";
import { useMe } from "../home/queries";
import { api, useTeamRubric } from "./queries";
import { useTitle } from "./MyConvenings";
import { accessToken } from "../../auth";
import { MyActions } from "../participate/MyActions";
import "./messages";
import "./convenings.css";

/** `/convenings/{id}/summary`: what the convening came to, to print or share. */
export function SummaryPage() {
  const { t } = useTranslation("convenings");
  const { conveningId = "" } = useParams();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const summary = useQuery({
    queryKey: ["tenants", tenantId, "convenings", conveningId, "summary"],
    queryFn: () => api.summary(tenantId!, conveningId),
    enabled: !!tenantId,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  useTitle(summary.data ? t("summary.heading", { title: summary.data.convening.title }) : t("list.summary"));
  const error = me.error ?? summary.error;
  return (
    <main className="page convenings summary">
      {error && <p role="alert">{error instanceof ApiError && error.status === 404 ? t("convening.notFound") : error.message}</p>}
      {!error && !summary.data && <p role="status">{t("loading")}</p>}
      {summary.data && tenantId && me.data && <Summary summary={summary.data} tenantId={tenantId} me={me.data} />}
      {summary.data && tenantId && <MyActions source={{ tenantId, conveningId, accessToken }} participantId={memberOf(me.data?.grants ?? [], summary.data.convening.ownerId) ?? me.data?.subject} />}
    </main>
  );
}

/** The caller's member id on the convening's owner (their participant id there), from grants like `team-member:{owner}:{member}`. */
function memberOf(grants: string[], ownerId: string): string | undefined {
  for (const grant of grants) {
    const [, scope, member] = grant.split(":");
    if (scope === ownerId && member) return member;
  }
  return undefined;
}

function Summary({ summary, tenantId, me }: { summary: ConveningSummary; tenantId: string; me: Me }) {
  const { t } = useTranslation("convenings");
  const when = (iso: string) => new Date(iso).toLocaleString();
  const c = summary.convening;
  return (
    <>
      <h1>{t("summary.heading", { title: c.title })}</h1>
      <div className="listing-actions no-print">
        <button type="button" onClick={() => window.print()}>{t("summary.print")}</button>
        <Link className="button" to={`/convenings/${encodeURIComponent(c.id)}`}>{t("summary.back")}</Link>
      </div>
      <section aria-labelledby="s-times">
        <h2 id="s-times">{t("summary.times")}</h2>
        {summary.startedAt ? (
          <p>{t("summary.started", { when: when(summary.startedAt) })}{summary.endedAt && <> · {t("summary.ended", { when: when(summary.endedAt) })}</>}</p>
        ) : <p>{t("summary.notStarted")}</p>}
      </section>
      <Attendance summary={summary} />
      <ResultsSharedSection summary={summary} tenantId={tenantId}
        facilitates={me.roles.includes("state-admin") || (c.ownerKind === "Team" && scopesOf(me, "team-facilitator").includes(c.ownerId))
          || (c.ownerKind === "Community" && scopesOf(me, "community-facilitator").includes(c.ownerId))} />
      <section aria-labelledby="s-decisions">
        <h2 id="s-decisions">{t("summary.decisions")}</h2>
        {summary.decision.rounds.length === 0 ? <p>{t("summary.noDecisions")}</p> : summary.decision.rounds.map((r) => <Round key={r.number} round={r} />)}
        <p><strong>{t("summary.outcome")}:</strong> {summary.decision.outcome ? t(`summary.outcomes.${summary.decision.outcome}`) : t("summary.noOutcome")}</p>
      </section>
      {summary.harvest && (
        <section aria-labelledby="s-harvest">
          <h2 id="s-harvest">{t("summary.harvest")}</h2>
          <p className="harvest">{summary.harvest}</p>
        </section>
      )}
      {summary.depthPoll && <Poll summary={summary} tenantId={tenantId} />}
      {summary.fourQuestions && (
        <section aria-labelledby="s-answers">
          <h2 id="s-answers">{t("summary.answers")}</h2>
          {(["1", "2", "3", "4"] as const).map((q) => {
            const answers = summary.fourQuestions!.answers.filter((a) => String(a.question) === q);
            return answers.length === 0 ? null : (
              <div key={q}>
                <h3>{t(`summary.question.${q}`)}</h3>
                <ul>{answers.map((a) => <li key={a.id}>{a.text} ({t("summary.upvotes", { count: a.upvotedBy.length })})</li>)}</ul>
              </div>
            );
          })}
        </section>
      )}
    </>
  );
}

/** Attendance by role: bars for the eye, the table beside them with the same numbers (and the only carrier of them). */
function Attendance({ summary }: { summary: ConveningSummary }) {
  const { t } = useTranslation("convenings");
  const { t: common } = useTranslation();
  const a = summary.attendance;
  const most = Math.max(1, ...a.byRole.map((r) => r.count));
  return (
    <section aria-labelledby="s-attendance">
      <h2 id="s-attendance">{t("summary.attendance")}</h2>
      <p>{t("summary.attendanceTotal", { participants: a.participants, guests: a.guests, family: a.familyVoices, youth: a.youthVoices })}</p>
      {a.byRole.length === 0 ? <p>{t("summary.noOne")}</p> : (
        <div className="attendance">
          <figure className="att-bars" aria-hidden="true">
            {a.byRole.map((r) => (
              <div key={r.stakeholderRole} className="att-row">
                <span className="att-label">{common(`roles.${r.stakeholderRole}`)}</span>
                <span className={`att-bar${r.stakeholderRole === "FamilyMember" || r.stakeholderRole === "ParentMentor" ? " family" : ""}`} style={{ width: `${(100 * r.count) / most}%` }} />
                <span className="att-value">{r.count}</span>
              </div>
            ))}
          </figure>
          <table>
            <caption>{t("summary.chart")}</caption>
            <thead><tr><th scope="col">{t("summary.role")}</th><th scope="col">{t("summary.count")}</th></tr></thead>
            <tbody>
              {a.byRole.map((r) => <tr key={r.stakeholderRole}><th scope="row">{common(`roles.${r.stakeholderRole}`)}</th><td>{r.count}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Round({ round }: { round: DecisionRound }) {
  const { t } = useTranslation("convenings");
  const lowest = round.scale === "FistToFive" ? 0 : 1;
  return (
    <div className="round">
      <h3>{t("summary.round", { number: round.number, proposal: round.proposal })}</h3>
      <p>{t("summary.votes", { count: round.voteCount })} · {t(`consensus.${round.scale}`)}</p>
      {round.tally.length > 0 && (
        <div className="table-scroll" role="region" tabIndex={0} aria-label={t("summary.round", { number: round.number, proposal: round.proposal })}>
          <table>
            <thead><tr><th scope="row">{t("summary.level")}</th>{round.tally.map((_, i) => <th key={i} scope="col">{lowest + i}</th>)}</tr></thead>
            <tbody><tr><th scope="row">{t("summary.votesHeader")}</th>{round.tally.map((n, i) => <td key={i}>{n}</td>)}</tr></tbody>
          </table>
        </div>
      )}
      {round.concerns.length > 0 && (
        <>
          <h4>{t("summary.concerns")}</h4>
          <ul>{round.concerns.map((c, i) => <li key={i}>{c}</li>)}</ul>
        </>
      )}
    </div>
  );
}

function Poll({ summary, tenantId }: { summary: ConveningSummary; tenantId: string }) {
  const { t, i18n } = useTranslation("convenings");
  const rubric = useTeamRubric(tenantId, summary.convening.ownerKind === "Team" ? { kind: "Team", id: summary.convening.ownerId } : undefined);
  const title = (id: string) => { const row = rubric.data?.rows.find((r) => r.id === id); return row ? row.title[i18n.language] ?? row.title.en : id; };
  const poll = summary.depthPoll!;
  const n = (x: number) => x.toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  return (
    <section aria-labelledby="s-poll">
      <h2 id="s-poll">{t("summary.poll")}</h2>
      <p>{t("summary.pollRatings", { count: summary.pollRatings })} {poll.consensusRatingId ? t("summary.recorded") : t("summary.notRecorded")}</p>
      <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="s-poll">
        <table>
          <thead><tr>{["row", "ratings", "lowest", "highest", "mean"].map((k) => <th key={k} scope="col">{t(`summary.${k as "row"}`)}</th>)}</tr></thead>
          <tbody>
            {poll.spread.map((s) => (
              <tr key={s.rowId}><th scope="row">{title(s.rowId)}</th><td>{s.ratings}</td><td>{n(s.minDepthScore)}</td><td>{n(s.maxDepthScore)}</td><td>{n(s.meanDepthScore)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
