import { useState } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { useMe } from "../home/queries";
import { quarterOf, reportsApi, sppAprTopics, type EvidenceReport } from "./api";
import "./messages";
import "./reports.css";

const levelNames = ["none", "Informing", "Networking", "Collaborating", "Transforming"] as const;
const sections = ["summary", "convenings", "participants", "topics", "depth", "sustained", "outcomes"];

/**
 * `/initiatives/{i}/evidence?from=&to=`: the SPDG / SPP-APR evidence of a period, printable (the print style leaves
 * the controls out), with the workbook and each section's CSV to download.
 */
export function EvidencePage() {
  const { t } = useTranslation("reports");
  const { initiativeId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const current = quarterOf(new Date());
  const from = search.get("from") ?? current;
  const to = search.get("to") ?? from;
  const [draft, setDraft] = useState({ from, to });
  const [downloadError, setDownloadError] = useState<string>();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const evidence = useQuery({
    queryKey: ["tenants", tenantId, "initiatives", initiativeId, "evidence", from, to],
    queryFn: () => reportsApi.evidence(tenantId!, initiativeId, from, to),
    enabled: !!tenantId,
    retry: false,
  });
  const save = (path: string, name: string) => {
    setDownloadError(undefined);
    reportsApi.download(path, name).catch((e: unknown) => setDownloadError(e instanceof Error ? e.message : String(e)));
  };
  const error = me.error ?? evidence.error;
  return (
    <main className="page reports-page evidence-page">
      <form className="quarter-picker no-print" onSubmit={(e) => { e.preventDefault(); setSearch({ from: draft.from, to: draft.to }); }}>
        <label htmlFor="from">{t("from")}</label>
        <input id="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <label htmlFor="to">{t("to")}</label>
        <input id="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <button type="submit">{t("show")}</button>
      </form>
      {error && <p role="alert" className="error">{error.message}</p>}
      {!error && !evidence.data && <p aria-live="polite">{t("loading")}</p>}
      {evidence.data && tenantId && (
        <>
          <p className="no-print downloads">
            <button type="button" onClick={() => window.print()}>{t("print")}</button>
            <button type="button" onClick={() => save(reportsApi.workbookPath(tenantId, initiativeId, from, to), `${initiativeId}-evidence.xlsx`)}>{t("downloadWorkbook")}</button>
            {sections.map((s) => (
              <button key={s} type="button" className="secondary" onClick={() => save(reportsApi.csvPath(tenantId, initiativeId, s, from, to), `${initiativeId}-${s}.csv`)}>
                {t("downloadCsv", { section: s })}
              </button>
            ))}
          </p>
          {downloadError && <p role="alert" className="error">{downloadError}</p>}
          <Evidence evidence={evidence.data} />
        </>
      )}
    </main>
  );
}

function Evidence({ evidence: e }: { evidence: EvidenceReport }) {
  const { t, i18n } = useTranslation("reports");
  const date = (at: string) => new Date(at).toLocaleDateString(i18n.language, { timeZone: "UTC" });
  const s = e.sustained;
  return (
    <>
      <h1>{t("evidenceTitle", { initiative: e.initiativeName })}</h1>
      <p>{t("period", { from: e.from, to: e.to })}</p>
      <dl className="figures">
        <div><dt>{t("conveningsHeld")}</dt><dd data-testid="evidence-convenings">{e.convenings.length}</dd></div>
        <div><dt>{t("participants")}</dt><dd data-testid="evidence-participants">{e.participants.participants}</dd></div>
        <div><dt>{t("familyVoices")}</dt><dd data-testid="evidence-families">{e.participants.familyVoices}</dd></div>
        <div><dt>{t("resultsShared")}</dt><dd>{t("resultsSharedCount", { count: e.resultsSharedCount, total: e.convenings.length })}</dd></div>
      </dl>
      <h2>{t("sustainedHeading")}</h2>
      <p data-testid="evidence-sustained">
        {t("sustainedWords", { numerator: s.numerator, denominator: s.denominator, percent: s.percent == null ? "—" : `${s.percent} %`, level: t(`levels.${s.criterion.level}`), count: s.criterion.consecutiveRatings })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("byRole")}>
        <table className="usa-table">
          <caption>{t("byRole")}</caption>
          <thead><tr><th scope="col">{t("role")}</th><th scope="col">{t("count")}</th></tr></thead>
          <tbody>{e.participants.byRole.map((r) => <tr key={r.stakeholderRole}><th scope="row">{r.stakeholderRole}</th><td>{r.count}</td></tr>)}</tbody>
        </table>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("topicsHeading")}>
        <table className="usa-table">
          <caption>{t("topicsHeading")}</caption>
          <thead><tr><th scope="col">{t("convening")}</th><th scope="col">{t("started")}</th>{sppAprTopics.map((topic) => <th key={topic} scope="col">{t(`topics.${topic}`)}</th>)}<th scope="col">{t("sharedBack")}</th></tr></thead>
          <tbody>
            {e.convenings.map((c) => (
              <tr key={c.conveningId}>
                <th scope="row">{c.title}</th>
                <td>{date(c.startedAt)}</td>
                {sppAprTopics.map((topic) => <td key={topic}>{c.sppAprTopics.includes(topic) ? "✓" : ""}</td>)}
                <td>{c.resultsShared ? `${date(c.resultsShared.sharedAt)}: ${c.resultsShared.how}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("depthHeading")}>
        <table className="usa-table">
          <caption>{t("depthHeading")}</caption>
          <thead><tr><th scope="col">{t("periodCol")}</th><th scope="col">{t("habit")}</th><th scope="col">{t("teamsRated")}</th><th scope="col">{t("mean")}</th>{levelNames.map((l) => <th key={l} scope="col">{l === "none" ? t("noneYet") : t(`levels.${l}`)}</th>)}</tr></thead>
          <tbody>
            {e.depthSpread.map((d) => (
              <tr key={`${d.period}-${d.habit}`} data-period={d.period} data-habit={d.habit}>
                <td>{d.period}</td><th scope="row">{t(`habits.${d.habit}`)}</th><td>{d.teamsRated}</td><td>{d.meanDepthScore}</td>
                {d.teamsAtLevel.map((n, l) => <td key={l}>{n}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {e.outcomes.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("outcomesHeading")}>
          <table className="usa-table">
            <caption>{t("outcomesHeading")}</caption>
            <thead><tr><th scope="col">{t("story")}</th><th scope="col">{t("measure")}</th><th scope="col">{t("baseline")}</th><th scope="col">{t("result")}</th></tr></thead>
            <tbody>{e.outcomes.map((o, i) => <tr key={i}><th scope="row">{o.storyTitle}</th><td>{o.measure}</td><td>{o.baseline ?? ""}{o.unit ?? ""}</td><td>{o.result ?? ""}{o.unit ?? ""}</td></tr>)}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
