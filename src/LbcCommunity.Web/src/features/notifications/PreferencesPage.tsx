import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import { chooseLanguage, languages } from "../../i18n";
import { useMe } from "../home/queries";
import { useTitle } from "../convenings/MyConvenings";
import { notificationsApi, preferencesKey, usePreferences, type MailLanguage } from "./api";
import "./messages";
import "./notifications.css";

/**
 * `/preferences`: the daily digest on or off and the language of e-mails (`PUT …/me/preferences`), with where the
 * digest stands. Saving a language also switches the app's display language on this device, so both agree.
 */
export function PreferencesPage() {
  const { t, i18n } = useTranslation("notifications");
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const prefs = usePreferences(tenantId);
  const queries = useQueryClient();
  const [digest, setDigest] = useState(true);
  const [language, setLanguage] = useState<MailLanguage>("en");
  const [news, setNews] = useState("");
  useTitle(t("preferences.title"));
  useEffect(() => {
    if (prefs.data) { setDigest(prefs.data.digestEnabled); setLanguage(prefs.data.language); }
  }, [prefs.data]);

  const save = useMutation({
    mutationFn: () => notificationsApi.setPreferences(tenantId!, { language, digestEnabled: digest }),
    onSuccess: (saved) => {
      queries.setQueryData(preferencesKey(tenantId), saved);
      chooseLanguage(saved.language);
      setNews(i18n.getFixedT(saved.language, "notifications")("preferences.saved"));
    },
  });
  const problem = (field: string) => save.error instanceof ApiError
    ? Object.entries(save.error.errors).find(([k]) => k.replace(/^\$\./, "").toLowerCase() === field.toLowerCase())?.[1]
    : undefined;
  const shown = (found?: string[]) => found && (i18n.language === "en" ? found.join(" ") : t("preferences.problem"));
  const submit = (e: FormEvent) => { e.preventDefault(); setNews(""); save.mutate(); };
  const when = (at: string) => new Date(at).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const error = me.error ?? prefs.error;
  const d = prefs.data?.digest;

  return (
    <main className="page notifications">
      <h1>{t("preferences.title")}</h1>
      <p>{t("preferences.intro")}</p>
      {error && <p role="alert">{error.message}</p>}
      {!prefs.data ? !error && <p role="status">{t("loading")}</p> : (
        <form onSubmit={submit} noValidate>
          <label className="check">
            <input type="checkbox" checked={digest} onChange={(e) => setDigest(e.target.checked)}
              aria-invalid={problem("digestEnabled") ? true : undefined} aria-describedby={problem("digestEnabled") ? "digest-problem" : undefined} />
            {t("preferences.digest")}
          </label>
          {problem("digestEnabled") && <p id="digest-problem" className="field-problem">{shown(problem("digestEnabled"))}</p>}
          <fieldset aria-describedby="language-hint">
            <legend>{t("preferences.language")}</legend>
            <p id="language-hint" className="hint">{t("preferences.languageHint")}</p>
            {languages.map((l) => (
              <label key={l.code} className="check" lang={l.code}>
                <input type="radio" name="mail-language" value={l.code} checked={language === l.code} onChange={() => setLanguage(l.code)} />
                {l.name}
              </label>
            ))}
            {problem("language") && <p className="field-problem">{shown(problem("language"))}</p>}
          </fieldset>
          {d && (
            <ul className="hint">
              {d.lastSentAt && <li>{t("preferences.lastSent", { when: when(d.lastSentAt) })}</li>}
              {d.pending > 0 && <li>{t("preferences.pending", { count: d.pending })}</li>}
              {d.enabled && d.nextDueAt && <li>{t("preferences.nextDue", { when: when(d.nextDueAt) })}</li>}
              {d.lastError && d.lastErrorAt && <li>{t("preferences.lastError", { when: when(d.lastErrorAt) })}</li>}
            </ul>
          )}
          {save.error && !problem("language") && !problem("digestEnabled") && <p role="alert">{save.error.message}</p>}
          <p role="status" className="news">{news}</p>
          <p className="actions"><button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t("preferences.saving") : t("preferences.save")}</button></p>
        </form>
      )}
      <p><Link to="/notifications">{t("preferences.inbox")}</Link></p>
    </main>
  );
}
