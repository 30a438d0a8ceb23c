import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { useMe } from "../home/queries";
import { previousQuarter, quarterOf, reportsApi } from "./api";
import "./messages";
import "./reports.css";

/**
 * `/initiatives/{i}/reports/{quarter}` (the state's submission table) and `/initiatives/{i}/regions/{r}/reports/{quarter}`
 * (the coordinator's review queue): every team's report for the quarter, submitted, returned, late or not started.
 */
export function StatusPage() {
  const { t, i18n } = useTranslation("reports");
  const navigate = useNavigate();
  const { initiativeId = "", regionId, quarter = previousQuarter(quarterOf(new Date())) } = useParams();
  const [chosen, setChosen] = useState(quarter);
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const table = useQuery({
    queryKey: ["tenants", tenantId, "initiatives", initiativeId, "reports", regionId ?? null, quarter],
    queryFn: () => reportsApi.status(tenantId!, initiativeId, quarter, regionId),
    enabled: !!tenantId,
    retry: false,
  });
  const error = me.error ?? table.error;
  if (error) return <main className="page"><p role="alert" className="error">{error.message}</p></main>;
  if (!table.data) return <main className="page"><p aria-live="polite">{t("loading")}</p></main>;
  const data = table.data;
  const base = `/initiatives/${encodeURIComponent(initiativeId)}${regionId ? `/regions/${encodeURIComponent(regionId)}` : ""}/reports`;
  return (
    <main className="page reports-page">
      <h1>{regionId ? t("queueTitle", { region: regionId, quarter: data.quarter }) : t("stateTitle", { quarter: data.quarter, fiscal: data.fiscalQuarter })}</h1>
      <form className="quarter-picker" onSubmit={(e) => { e.preventDefault(); navigate(`${base}/${encodeURIComponent(chosen)}`); }}>
        <label htmlFor="quarter">{t("quarter")}</label>
        <input id="quarter" value={chosen} pattern="20[0-9]{2}-Q[1-4]" onChange={(e) => setChosen(e.target.value)} />
        <button type="submit">{t("show")}</button>
      </form>
      <p>{t("due", { date: new Date(data.dueAt).toLocaleDateString(i18n.language) })}</p>
      <p data-testid="report-totals">{t("totals", { submitted: data.submitted, accepted: data.accepted, returned: data.returned, notSubmitted: data.notSubmitted, late: data.lateCount })}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={regionId ? t("queueTitle", { region: regionId, quarter: data.quarter }) : t("stateTitle", { quarter: data.quarter, fiscal: data.fiscalQuarter })}>
        <table className="usa-table">
          <caption>{regionId ? t("queueTitle", { region: regionId, quarter: data.quarter }) : t("stateTitle", { quarter: data.quarter, fiscal: data.fiscalQuarter })}</caption>
          <thead>
            <tr><th scope="col">{t("team")}</th><th scope="col">{t("region")}</th><th scope="col">{t("quarter")}</th><th scope="col">{t("submittedAt")}</th><th scope="col">{t("late")}</th><th scope="col">{t("comment")}</th></tr>
          </thead>
          <tbody>
            {data.teams.map((line) => (
              <tr key={line.teamId} data-team={line.teamId}>
                <th scope="row"><Link to={`/teams/${encodeURIComponent(line.teamId)}/reports/${encodeURIComponent(data.quarter)}`}>{line.teamName}</Link></th>
                <td>{line.regionId}</td>
                <td data-testid="line-status">{line.started ? t(`status.${line.status}`) : t("notStarted")}</td>
                <td>{line.submittedAt ? new Date(line.submittedAt).toLocaleDateString(i18n.language) : ""}</td>
                <td>{line.late ? t("late") : ""}</td>
                <td>{line.reviewComment ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
