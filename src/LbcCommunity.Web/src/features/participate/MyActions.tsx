import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, send } from "../../api";
import type { PersonalAction } from "../../protocol";
import "./messages";

/** Where a participant's own actions are read: the convening's personal-actions endpoint, with the caller's token. */
export interface MyActionsSource { tenantId: string; conveningId: string; accessToken: () => string | Promise<string> }

const path = (s: MyActionsSource) => `/api/tenants/${encodeURIComponent(s.tenantId)}/convenings/${encodeURIComponent(s.conveningId)}/personal-actions`;

/**
 * "My actions": what the participant wrote in the personal action plan, to take away: printed (the page prints only
 * this list and the title) or e-mailed to an address they give. Guests see it at the end of the convening; members on
 * the summary too. A facilitator's call reads everyone's, so the list is narrowed to the caller's participant id.
 */
export function MyActions({ source, participantId }: { source: MyActionsSource; participantId?: string }) {
  const { t, i18n } = useTranslation("participate");
  const token = async () => source.accessToken();
  const actions = useQuery({
    queryKey: ["tenants", source.tenantId, "convenings", source.conveningId, "personal-actions"],
    queryFn: () => send<PersonalAction[]>(token, "GET", path(source)),
  });
  const [email, setEmail] = useState("");
  const mail = useMutation({ mutationFn: () => send<void>(token, "POST", `${path(source)}/email`, { email: email.trim(), language: i18n.language === "es" ? "es" : "en" }) });
  const mine = (actions.data ?? []).filter((a) => !participantId || a.participantId === participantId);
  if (actions.isPending || mine.length === 0) return null;
  const problem = mail.error instanceof ApiError ? (mail.error.errors.email?.[0] ?? mail.error.message) : mail.error?.message;

  return (
    <section aria-labelledby="my-actions-heading" className="my-actions-takeaway">
      <h2 id="my-actions-heading">{t("takeaway.heading")}</h2>
      <ol aria-labelledby="my-actions-heading" data-testid="my-actions">
        {mine.map((a) => <li key={a.id}>{a.text}{a.dueOn && <span className="meta"> · {t("personal.by", { date: a.dueOn })}</span>}</li>)}
      </ol>
      <div className="no-print">
        <button type="button" onClick={() => window.print()}>{t("takeaway.print")}</button>
        <form onSubmit={(e) => { e.preventDefault(); if (email.trim()) mail.mutate(); }}>
          <label htmlFor="takeaway-email">{t("takeaway.email")}</label>
          <input id="takeaway-email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)}
            aria-describedby={problem ? "takeaway-problem" : undefined} aria-invalid={problem ? true : undefined} />
          <button type="submit" disabled={!email.trim() || mail.isPending}>{mail.isPending ? t("sending") : t("takeaway.send")}</button>
          {problem && <p id="takeaway-problem" role="alert" className="error">{problem}</p>}
          {mail.isSuccess && <p role="status">{t("takeaway.sent", { email: email.trim() })}</p>}
        </form>
      </div>
    </section>
  );
}
