import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, scopesOf, type Me } from "../../api";
import { useMe } from "../home/queries";
import { quarterOf, reportsApi, type QuarterlyReport, type ReportAnswer } from "./api";
import { Facts } from "./Facts";
import "./messages";
import "./reports.css";

/**
 * `/teams/{teamId}/reports/{quarter}`: the team's quarterly report. The team's facilitators answer the questions and
 * submit; the region's coordinator (and state staff) accept it or return it with a comment; everyone else who may read
 * the team reads it.
 */
export function ReportPage() {
  const { t } = useTranslation("reports");
  const { teamId = "", quarter = quarterOf(new Date()) } = useParams();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const report = useQuery({
    queryKey: ["tenants", tenantId, "teams", teamId, "reports", quarter],
    queryFn: () => reportsApi.report(tenantId!, teamId, quarter),
    enabled: !!tenantId,
    retry: false,
  });
  const error = me.error ?? report.error;
  if (error) return <main className="page"><p role="alert" className="error">{error.message}</p></main>;
  if (!me.data || !report.data || !tenantId) return <main className="page"><p aria-live="polite">{t("loading")}</p></main>;
  return <ReportView key={report.data.version} me={me.data} tenantId={tenantId} report={report.data} />;
}

function ReportView({ me, tenantId, report }: { me: Me; tenantId: string; report: QuarterlyReport }) {
  const { t, i18n } = useTranslation("reports");
  const client = useQueryClient();
  const language = i18n.language.startsWith("es") ? "es" : "en";
  const facilitates = me.roles.includes("state-admin") || scopesOf(me, "team-facilitator").includes(report.teamId);
  const reviews = me.roles.includes("state-admin") || scopesOf(me, "regional-coordinator").includes(report.regionId);
  const editable = facilitates && (report.status === "Draft" || report.status === "Returned");
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(report.answers.map((a) => [a.questionId, a.text])));
  const [comment, setComment] = useState("");
  const [notice, setNotice] = useState<string>();
  useEffect(() => setNotice(undefined), [report.version]);
  const list = (): ReportAnswer[] => report.questions.questions.map((q) => ({ questionId: q.id, text: answers[q.id] ?? "" }));
  const done = (message: string) => (next: QuarterlyReport) => {
    client.setQueryData(["tenants", tenantId, "teams", report.teamId, "reports", report.quarter], next);
    setNotice(message);
  };
  const save = useMutation({ mutationFn: () => reportsApi.saveAnswers(tenantId, report.teamId, report.quarter, list()), onSuccess: done(t("saved")) });
  const submit = useMutation({ mutationFn: () => reportsApi.submit(tenantId, report.teamId, report.quarter, list()), onSuccess: done(t("submitted")) });
  const review = useMutation({
    mutationFn: (decision: "Accept" | "Return") => reportsApi.review(tenantId, report.teamId, report.quarter, decision, comment),
    onSuccess: done(t("reviewed")),
  });
  const failure = save.error ?? submit.error ?? review.error;
  const problems = failure instanceof ApiError ? Object.entries(failure.errors).map(([field, messages]) => `${field}: ${messages.join(" ")}`) : [];

  return (
    <main className="page reports-page">
      <p><Link to={`/teams/${encodeURIComponent(report.teamId)}`}>{report.teamName}</Link></p>
      <h1>{t("reportTitle", { team: report.teamName, quarter: report.quarter, fiscal: report.fiscalQuarter })}</h1>
      <p>
        <span className={`report-status status-${report.status.toLowerCase()}`} data-testid="report-status">{t(`status.${report.status}`)}</span>
        {" · "}{t("due", { date: new Date(report.dueAt).toLocaleDateString(i18n.language) })}
        {report.late && <> · <strong>{t("late")}</strong></>}
      </p>
      {report.status === "Returned" && report.reviewComment && <p className="returned" role="note">{t("returnedWith", { comment: report.reviewComment })}</p>}
      <Facts facts={report.facts} />
      <form className="report-questions" onSubmit={(e) => { e.preventDefault(); submit.mutate(); }}>
        <h2>{t("questionsHeading")}</h2>
        {!facilitates && <p>{t("readOnly")}</p>}
        {(["Informing", "Networking", "Collaborating", "Transforming"] as const).map((level) => {
          const questions = report.questions.questions.filter((q) => q.level === level);
          if (questions.length === 0) return null;
          return (
            <fieldset key={level}>
              <legend>{t(`levels.${level}`)}</legend>
              {questions.map((q) => (
                <div key={q.id} className="question">
                  <label htmlFor={`answer-${q.id}`}>{q.text[language] ?? q.text.en}</label>
                  <textarea id={`answer-${q.id}`} rows={3} value={answers[q.id] ?? ""} readOnly={!editable}
                    onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} />
                </div>
              ))}
            </fieldset>
          );
        })}
        {editable && (
          <p className="actions">
            <button type="button" className="secondary" onClick={() => save.mutate()} disabled={save.isPending}>{t("save")}</button>
            <button type="submit" disabled={submit.isPending}>{t("submit")}</button>
          </p>
        )}
      </form>
      {reviews && report.status === "Submitted" && (
        <section aria-labelledby="review-heading" className="review">
          <h2 id="review-heading">{t("reviewHeading")}</h2>
          <label htmlFor="review-comment">{t("comment")}</label>
          <textarea id="review-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          <p className="actions">
            <button type="button" onClick={() => review.mutate("Accept")} disabled={review.isPending}>{t("accept")}</button>
            <button type="button" className="secondary" onClick={() => review.mutate("Return")} disabled={review.isPending}>{t("return")}</button>
          </p>
        </section>
      )}
      <div aria-live="polite">{notice && <p role="status">{notice}</p>}</div>
      {failure && (
        <div role="alert" className="error">
          <p>{t("failed", { message: failure.message })}</p>
          {problems.length > 0 && <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
        </div>
      )}
      {report.history.length > 0 && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t("history")}</h2>
          <ol>{report.history.map((h, i) => <li key={i}>{t("event", { status: t(`status.${h.status}`), at: new Date(h.at).toLocaleString(i18n.language) })}{h.comment ? `: ${h.comment}` : ""}</li>)}</ol>
        </section>
      )}
    </main>
  );
}
