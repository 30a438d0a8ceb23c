import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { send, type ApiError } from "../../api";
import { accessToken } from "../../auth";
import type { ConveningSummary, ResultsShared } from "../../protocol";

/** The summary's SPP/APR topics and how the results went back; the convening's facilitators record the latter. */
export function ResultsSharedSection({ summary, tenantId, facilitates }: { summary: ConveningSummary; tenantId: string; facilitates: boolean }) {
  const { t } = useTranslation("convenings");
  const client = useQueryClient();
  const [how, setHow] = useState("");
  const [sharedAt, setSharedAt] = useState("");
  const c = summary.convening;
  const record = useMutation<ResultsShared, ApiError>({
    mutationFn: () => send<ResultsShared>(accessToken, "PUT", `/api/tenants/${encodeURIComponent(tenantId)}/convenings/${encodeURIComponent(c.id)}/results-shared`,
      { how, sharedAt: sharedAt ? new Date(sharedAt).toISOString() : new Date().toISOString() }),
    onSuccess: (shared) => client.setQueryData(["tenants", tenantId, "convenings", c.id, "summary"], { ...summary, resultsShared: shared }),
  });
  return (
    <section aria-labelledby="s-sppapr">
      <h2 id="s-sppapr">{t("summary.sppApr")}</h2>
      <p>{summary.sppAprTopics.length === 0 ? t("summary.noTopics") : summary.sppAprTopics.map((topic) => t(`plan.topics.${topic}`)).join(", ")}</p>
      <h3>{t("summary.resultsShared")}</h3>
      <p data-testid="results-shared">
        {summary.resultsShared ? t("summary.sharedOn", { when: new Date(summary.resultsShared.sharedAt).toLocaleDateString(), how: summary.resultsShared.how }) : t("summary.notShared")}
      </p>
      {facilitates && summary.startedAt && (
        <form className="no-print" onSubmit={(e) => { e.preventDefault(); record.mutate(); }}>
          <label className="field" htmlFor="shared-how">{t("summary.how")}</label>
          <textarea id="shared-how" rows={2} value={how} onChange={(e) => setHow(e.target.value)} />
          <label className="field" htmlFor="shared-at">{t("summary.sharedAt")}</label>
          <input id="shared-at" type="datetime-local" value={sharedAt} onChange={(e) => setSharedAt(e.target.value)} />
          <p><button type="submit" disabled={record.isPending}>{t("summary.recordShared")}</button></p>
          <div aria-live="polite">{record.isSuccess && <p role="status">{t("summary.sharedSaved")}</p>}</div>
          {record.error && <p role="alert" className="error">{t("summary.sharedFailed", { message: record.error.message })}</p>}
        </form>
      )}
    </section>
  );
}
