import { useEffect } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api";
import { api, facilitatedOwners, isStateStaff, ownerKey, statuses, useMyConvenings, useOwnerNames } from "./queries";
import { useMe } from "../home/queries";
import { ConveningList } from "./ConveningList";
import "./messages";
import "./convenings.css";

/** `/convenings`: the person's convenings, live, upcoming and past, and "plan a convening" for what they facilitate. */
export function MyConvenings() {
  const { t } = useTranslation("convenings");
  const me = useMe();
  useTitle(t("list.heading"));
  return (
    <main className="page convenings">
      <h1>{t("list.heading")}</h1>
      {me.error && <p role="alert">{me.error.message}</p>}
      {me.data?.tenantId ? <MyConveningsOf me={me.data} tenantId={me.data.tenantId} /> : !me.error && <p role="status">{t("loading")}</p>}
    </main>
  );
}

/** The lists and the planning actions, also shown on the home page (`headingLevel` 2 there). */
export function MyConveningsOf({ me, tenantId, compact = false }: { me: Me; tenantId: string; compact?: boolean }) {
  const { t } = useTranslation("convenings");
  const lists = useMyConvenings(tenantId);
  const initiatives = useQuery({ queryKey: ["tenants", tenantId, "initiatives"], queryFn: () => api.initiatives(tenantId), enabled: isStateStaff(me) });
  const planFor = facilitatedOwners(me, (initiatives.data ?? []).map((i) => i.id));
  const listed = statuses.flatMap((s) => lists.byStatus[s]).map((l) => ({ kind: l.ownerKind, id: l.ownerId }));
  const names = useOwnerNames(tenantId, [...planFor, ...listed]);
  if (lists.error) return <p role="alert">{lists.error.message}</p>;
  if (lists.loading) return <p aria-live="polite">{t("loading")}</p>;
  const shown = compact ? statuses.filter((s) => s !== "Ended" || lists.byStatus.Ended.length > 0) : statuses;
  return (
    <>
      {shown.map((s) => <ConveningList key={s} status={s} listings={lists.byStatus[s]} me={me} names={names} facilitates={planFor.length > 0} />)}
      {planFor.length > 0 && (
        <section aria-labelledby="plan-heading" className="plan-for">
          <h2 id="plan-heading">{t("list.planHeading")}</h2>
          <ul>
            {planFor.map((o) => (
              <li key={ownerKey(o)}>
                <Link className="button primary" to={`/convenings/new?ownerKind=${o.kind}&ownerId=${encodeURIComponent(o.id)}`}>
                  {t("list.planFor", { name: names.get(ownerKey(o)) ?? o.id })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {compact && <p><Link to="/convenings">{t("list.all")}</Link></p>}
    </>
  );
}

/** The page's title in the tab, so a person with many tabs (and a screen reader) knows where they are. */
export function useTitle(title: string) {
  useEffect(() => { document.title = `${title} · LbcCommunity`; }, [title]);
}
