import { useTranslation } from "react-i18next";
import type { ConveningSnapshot, Participant, StakeholderRole } from "../../convening";

/** Family voices and, as the console counts them, the youth voice too: the people LbC asks to be equal partners. */
const voices: StakeholderRole[] = ["FamilyMember", "ParentMentor", "Student"];
export const isFamilyVoice = (p: Participant) => voices.includes(p.stakeholderRole);

/**
 * Who is present, grouped by stakeholder role with the family voices first and counted at a glance. A family voice
 * wears a badge with words (not colour alone); guests and facilitators are named as such.
 */
export function WhoIsHere({ state }: { state: ConveningSnapshot }) {
  const { t } = useTranslation("console");
  const { t: words } = useTranslation();
  const present = state.participants.filter((p) => state.present.includes(p.id));
  const family = present.filter(isFamilyVoice);
  const roles = [...new Set(present.map((p) => p.stakeholderRole))]
    .sort((a, b) => Number(voices.includes(b)) - Number(voices.includes(a)) || (voices.indexOf(a) - voices.indexOf(b)) || a.localeCompare(b));

  return (
    <section aria-labelledby="who-heading" className="who-is-here">
      <h2 id="who-heading">{t("whoIsHere")}</h2>
      <p className={family.length ? "voices" : "voices none"} data-testid="family-voices">
        <span className="badge" aria-hidden="true">♥</span>{" "}
        {family.length ? t("familyVoices", { count: family.length }) : t("noFamilyVoice")}
      </p>
      <ul className="roles">
        {roles.map((role) => {
          const people = present.filter((p) => p.stakeholderRole === role);
          return (
            <li key={role} data-role={role}>
              <strong>{words(`roles.${role}`)} ({people.length})</strong>
              {voices.includes(role) && <span className="badge">{t("familyVoice")}</span>}
              <ul>
                {people.map((p) => (
                  <li key={p.id} data-participant={p.id}>
                    {p.displayName}
                    {p.isGuest && <span className="tag"> ({t("guest")})</span>}
                    {p.isFacilitator && <span className="tag"> ({t("facilitator")})</span>}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
