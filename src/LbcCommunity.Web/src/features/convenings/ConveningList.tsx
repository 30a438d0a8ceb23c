import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { ConveningListing, ConveningStatus } from "../../protocol";
import type { Me } from "../../api";
import { mayFacilitate, ownerKey } from "./queries";

/** One status's convenings, each with its owner's name, its time and what the person may do with it. */
export function ConveningList({ status, listings, me, names, facilitates }: {
  status: ConveningStatus; listings: ConveningListing[]; me: Me; names: Map<string, string>; facilitates: boolean;
}) {
  const { t } = useTranslation("convenings");
  const empty = status === "Live" ? t("list.noLive")
    : status === "Ended" ? t("list.noEnded")
    : facilitates ? t("list.noPlannedFacilitator") : t("list.noPlannedMember");
  return (
    <section className="convening-group" aria-labelledby={`group-${status}`}>
      <h2 id={`group-${status}`}>{t(`list.${status}`)}</h2>
      {listings.length === 0 ? <p>{empty}</p> : (
        <ul className="convening-list">
          {listings.map((l) => {
            const owner = { kind: l.ownerKind, id: l.ownerId };
            const facilitator = mayFacilitate(me, owner);
            return (
              <li key={l.id} data-testid={`convening-${l.id}`}>
                <div className="listing-text">
                  <strong>{l.title}</strong>
                  <span>{t(`owners.${l.ownerKind}`)}: {names.get(ownerKey(owner)) ?? l.ownerId}</span>
                  <span>{l.startsAt ? <time dateTime={l.startsAt}>{new Date(l.startsAt).toLocaleString()}</time> : t("list.noTime")}</span>
                </div>
                <div className="listing-actions">
                  {facilitator && <Link className="button" to={`/convenings/${encodeURIComponent(l.id)}`} aria-label={t("list.openNamed", { title: l.title })}>{t("list.open")}</Link>}
                  {facilitator && status !== "Ended" && <Link className="button" to={`/convenings/${encodeURIComponent(l.id)}/run`} aria-label={t("list.runNamed", { title: l.title })}>{t("list.run")}</Link>}
                  {!facilitator && status !== "Ended" && <Link className="button primary" to={`/convenings/${encodeURIComponent(l.id)}/live`} aria-label={t("list.joinNamed", { title: l.title })}>{t("list.join")}</Link>}
                  {status === "Ended" && <Link className="button" to={`/convenings/${encodeURIComponent(l.id)}/summary`} aria-label={t("list.summaryNamed", { title: l.title })}>{t("list.summary")}</Link>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
