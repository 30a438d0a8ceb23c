import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ActivityPanelProps } from "../panel";
import { useAction } from "../useAction";
import { Refusal } from "../Refusal";

/** The personal action plans as they are written, by person; closing hands them to the owner's action plan. */
export function PersonalActionsPanel({ state, act }: ActivityPanelProps) {
  const { t } = useTranslation("console");
  const activity = state.personalActions ?? { actions: [], closed: false };
  const close = useAction();
  const owner = state.convening.ownerKind === "Team" ? `/teams/${state.convening.ownerId}` : state.convening.ownerKind === "Community" ? `/communities/${state.convening.ownerId}` : undefined;

  return (
    <section aria-labelledby="personal-heading" className="panel">
      <h2 id="personal-heading">{t("personal.heading")}</h2>
      <p>{t("personal.intro")}</p>
      <p className="count" role="status">{t("personal.count", { count: activity.actions.length })}</p>
      {activity.actions.length === 0 ? <p>{t("personal.none")}</p> : (
        <ul aria-labelledby="personal-heading" className="personal-actions">
          {activity.actions.map((a) => (
            <li key={a.id} data-personal-action={a.id}>
              <strong>{a.ownerName}</strong>{a.isGuest ? ` (${t("personal.guest")})` : ""}: {a.text}{a.dueOn ? ` · ${a.dueOn}` : ""}
            </li>
          ))}
        </ul>
      )}
      {activity.closed
        ? <p role="status">{t("personal.closed")} {owner && <Link to={`${owner}/action-plan`}>{t("personal.plan")}</Link>}</p>
        : (
          <div>
            <button type="button" className="primary" disabled={close.pending} onClick={() => void close.run(() => act("ClosePersonalActions"))}>{t("personal.close")}</button>
            <Refusal text={close.refusal} />
          </div>
        )}
    </section>
  );
}
