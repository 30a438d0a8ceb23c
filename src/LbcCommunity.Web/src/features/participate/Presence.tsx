import { useTranslation } from "react-i18next";
import type { ConveningSnapshot, Participant, StakeholderRole } from "../../convening";

/** Who is here: how many by stakeholder role, then each person with their role. */
export function Presence({ state, me }: { state: ConveningSnapshot; me?: Participant }) {
  const { t } = useTranslation();
  const { t: words } = useTranslation("participate");
  // The room's counts come with every snapshot and presence event; the names only of the people this client knows (a
  // participant's snapshot names the facilitators and themself, not a room of thousands).
  const here = state.participants.filter((p) => state.present.includes(p.id));
  const count = state.presence.presentCount;
  const byRole = new Map<StakeholderRole, number>(state.presence.presentByRole.map((r) => [r.role, r.count]));
  const others = count - here.length;
  return (
    <section aria-labelledby="present-heading" className="presence">
      <h2 id="present-heading">{t("live.whoIsHereCount", { count })}</h2>
      <ul aria-label={words("present.byRole")} className="by-role" data-testid="present-by-role">
        {[...byRole].map(([role, count]) => <li key={role}>{words("present.role", { role: t(`roles.${role}`), count })}</li>)}
      </ul>
      <ul aria-label={t("live.whoIsHere")} className="present">
        {here.map((p) => (
          <li key={p.id} data-participant={p.id}>
            {p.displayName} <small>— {t(`roles.${p.stakeholderRole}`)}{p.isFacilitator ? t("live.facilitator") : ""}{p.id === me?.id ? t("live.you") : ""}</small>
          </li>
        ))}
      </ul>
      {others > 0 && <p>{words("present.others", { count: others })}</p>}
    </section>
  );
}
