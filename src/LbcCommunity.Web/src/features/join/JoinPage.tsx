import { lazy, Suspense, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { guestRoles, type StakeholderRole } from "../../convening";
import { LanguageSwitcher } from "../../i18n/LanguageSwitcher";
import { exchange, ExchangeError, forgetSession, keepSession, storedSession, type GuestSession } from "./guestSession";

// The live view and the SignalR client load only once the person has joined: the form is usable sooner on a slow link.
const LiveConvening = lazy(async () => ({ default: (await import("./LiveConvening")).LiveConvening }));

/** `/join?code=…`: a family member or partner joins a convening with the code a facilitator handed out. */
export function JoinPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [session, setSession] = useState<GuestSession | undefined>(storedSession);
  const [code, setCode] = useState(() => params.get("code") ?? "");
  const [name, setName] = useState("");
  const [role, setRole] = useState<StakeholderRole>("FamilyMember");
  const joining = useMutation({
    mutationFn: () => exchange(code.trim(), name.trim(), role),
    onSuccess: (joined) => {
      keepSession(joined);
      setSession(joined);
    },
  });

  const join = (e: FormEvent) => {
    e.preventDefault();
    joining.mutate();
  };
  const leave = () => {
    forgetSession();
    joining.reset();
    setSession(undefined);
  };

  const failure = joining.error;
  const error = !failure ? undefined
    : !(failure instanceof ExchangeError) ? failure.message
    : failure.failure.reason === "code-not-valid" ? t("join.codeNotValid")
    : failure.failure.reason === "no-convening" ? t("join.noConvening")
    : failure.failure.description ?? t("join.codeNotUsable", { status: failure.failure.status });

  if (session) {
    return (
      <Suspense fallback={<main className="join"><p aria-live="polite">{t("live.connection.connecting")}</p></main>}>
        <LiveConvening session={session} onLeave={leave} />
      </Suspense>
    );
  }
  return (
    <main className="join">
      <LanguageSwitcher />
      <h1>{t("join.heading")}</h1>
      <p>{t("join.intro")}</p>
      <form onSubmit={join} aria-describedby={error ? "join-error" : undefined}>
        <label htmlFor="join-code">{t("join.code")}</label>
        <input id="join-code" name="code" value={code} onChange={(e) => setCode(e.target.value)}
          autoComplete="off" autoCapitalize="characters" spellCheck={false} placeholder="ABCDE-FGHJK" required />
        <label htmlFor="display-name">{t("join.name")}</label>
        <input id="display-name" name="displayName" value={name} onChange={(e) => setName(e.target.value)}
          autoComplete="name" maxLength={80} required />
        <label htmlFor="guest-role">{t("join.takePartAs")}</label>
        <select id="guest-role" name="guestRole" value={role} onChange={(e) => setRole(e.target.value as StakeholderRole)}>
          {guestRoles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </select>
        {error && <p id="join-error" role="alert" className="error">{error}</p>}
        <button type="submit" className="primary" disabled={joining.isPending}>{joining.isPending ? t("join.joining") : t("join.submit")}</button>
      </form>
    </main>
  );
}
