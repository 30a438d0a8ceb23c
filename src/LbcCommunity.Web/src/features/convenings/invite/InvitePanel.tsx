import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, type IssuedJoinCode } from "../../../api";
import { refusalWords } from "../../../i18n/refusal";
import { api } from "../queries";
import "../messages";
import "../convenings.css";
import { copyText } from "./copyText";
import { QrCode } from "./QrCode";

/**
 * Invite guests: issue join codes (each shown once, with its link, a QR code and a copy button), list them, revoke
 * them. Its own component so the live console can show it beside the room.
 */
export function InvitePanel({ tenantId, conveningId }: { tenantId: string; conveningId: string }) {
  const { t } = useTranslation("convenings");
  const { t: common, i18n } = useTranslation();
  const client = useQueryClient();
  const key = ["tenants", tenantId, "convenings", conveningId, "join-codes"];
  const codes = useQuery({ queryKey: key, queryFn: () => api.joinCodes(tenantId, conveningId) });
  const [label, setLabel] = useState("");
  const [hours, setHours] = useState(24);
  // The codes issued here: a code is shown once, so only this page knows its link.
  const [issued, setIssued] = useState<IssuedJoinCode[]>([]);
  const issue = useMutation({
    mutationFn: () => api.issueJoinCode(tenantId, conveningId, label.trim() || undefined, hours),
    onSuccess: (code) => { setIssued((all) => [code, ...all]); setLabel(""); void client.invalidateQueries({ queryKey: key }); },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeJoinCode(tenantId, conveningId, id),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
  const refusal = (issue.error ?? revoke.error) as ApiError | null;
  const submit = (e: FormEvent) => { e.preventDefault(); issue.mutate(); };
  const when = (iso: string) => new Date(iso).toLocaleString();

  return (
    <section className="invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("invite.heading")}</h2>
      <p>{t("invite.intro")}</p>
      <form onSubmit={submit} className="field-row">
        <label className="field grow">
          <span>{t("invite.label")}</span>
          <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t("invite.labelExample")} />
        </label>
        <label className="field">
          <span>{t("invite.validFor")}</span>
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {[24, 72, 168, 336].map((h) => <option key={h} value={h}>{t("invite.hours", { count: h })}</option>)}
          </select>
        </label>
        <button type="submit" className="primary" disabled={issue.isPending}>{t("invite.issue")}</button>
      </form>
      {refusal && <p role="alert" className="field-problem">{refusalWords(common, i18n.language, { code: refusal.code, text: refusal.message })}</p>}
      {issued.map((code) => <IssuedCode key={code.joinCode.id} code={code} />)}
      <h3>{t("invite.codes")}</h3>
      {codes.isPending && <p role="status">{t("loading")}</p>}
      {codes.data?.length === 0 && <p>{t("invite.none")}</p>}
      {codes.data && codes.data.length > 0 && (
        <ul className="codes">
          {codes.data.map((c) => {
            const active = !c.revokedAt && new Date(c.expiresAt) > new Date();
            const name = c.label ?? t("invite.unlabelled");
            return (
              <li key={c.id}>
                <span><strong>{name}</strong> · {c.revokedAt ? t("invite.revoked", { when: when(c.revokedAt) })
                  : active ? t("invite.expires", { when: when(c.expiresAt) }) : t("invite.expired", { when: when(c.expiresAt) })}</span>
                {active && (
                  <button type="button" onClick={() => revoke.mutate(c.id)} disabled={revoke.isPending}>{t("invite.revoke", { name })}</button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** A freshly issued code: the code to read out, its link as text, the link's QR code and a copy button. */
function IssuedCode({ code }: { code: IssuedJoinCode }) {
  const { t } = useTranslation("convenings");
  const [copied, setCopied] = useState<boolean>();
  const name = code.joinCode.label ?? t("invite.unlabelled");
  return (
    <article className="issued" aria-label={t("invite.issuedFor", { name })}>
      <QrCode text={code.link} label={t("invite.qrAlt", { name, link: code.link })} />
      <div className="issued-text">
        <p>{t("invite.code")} <strong className="code" data-testid="join-code">{code.code}</strong></p>
        <p>{t("invite.link")} <a href={code.link} data-testid="join-link" className="link-text">{code.link}</a></p>
        <p className="hint">{t("invite.once")}</p>
        <button type="button" onClick={() => void copyText(code.link).then(setCopied)}>{t("invite.copy")}</button>
        <span role="status" className="copied">{copied === true ? t("invite.copied") : copied === false ? t("invite.copyFailed") : ""}</span>
      </div>
    </article>
  );
}
