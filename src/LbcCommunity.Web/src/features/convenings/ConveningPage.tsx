import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AgendaItem, Convening } from "../../protocol";
import { ApiError, type Me } from "../../api";
import { useMe } from "../home/queries";
import { api, mayFacilitate, ownerKey, useOwnerNames, useRoster, useTeamRubric } from "./queries";
import { useTitle } from "./MyConvenings";
import { saved } from "./NewConvening";
import { PlanForm } from "./PlanForm";
import { fromConvening, toPlanDraft, type PlanState } from "./planState";
import { InvitePanel } from "./invite/InvitePanel";
import "./messages";
import "./convenings.css";

/** `/convenings/{id}`: the plan (edited while nothing has begun) and, for its facilitators, the invitations. */
export function ConveningPage() {
  const { t } = useTranslation("convenings");
  const { conveningId = "" } = useParams();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const convening = useQuery({
    queryKey: ["tenants", tenantId, "convenings", conveningId],
    queryFn: () => api.convening(tenantId!, conveningId),
    enabled: !!tenantId,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  useTitle(convening.data?.title ?? t("convening.plan"));
  const error = me.error ?? convening.error;
  return (
    <main className="page convenings">
      {error && <p role="alert">{error instanceof ApiError && error.status === 404 ? t("convening.notFound") : error.message}</p>}
      {!error && (!convening.data || !me.data || !tenantId) && <p role="status">{t("loading")}</p>}
      {convening.data && me.data && tenantId && <Plan convening={convening.data} me={me.data} tenantId={tenantId} />}
    </main>
  );
}

function Plan({ convening, me, tenantId }: { convening: Convening; me: Me; tenantId: string }) {
  const { t } = useTranslation("convenings");
  const client = useQueryClient();
  const owner = { kind: convening.ownerKind, id: convening.ownerId };
  const facilitator = mayFacilitate(me, owner);
  const names = useOwnerNames(tenantId, [owner]);
  const status = useQuery({
    queryKey: ["tenants", tenantId, "convenings", convening.id, "summary"],
    queryFn: () => api.summary(tenantId, convening.id),
  });
  const roster = useRoster(tenantId, facilitator ? owner : undefined);
  const rubric = useTeamRubric(tenantId, owner);
  const [editing, setEditing] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const planned = status.data?.convening.status === "Planned";
  const id = encodeURIComponent(convening.id);

  const save = (plan: PlanState) => saved(async () => {
    const changed = await api.changePlan(tenantId, convening.id, toPlanDraft(plan));
    client.setQueryData(["tenants", tenantId, "convenings", convening.id], changed);
    await client.invalidateQueries({ queryKey: ["tenants", tenantId, "me", "convenings"] });
    setEditing(false);
    setJustSaved(true);
  });

  return (
    <>
      <h1>{convening.title}</h1>
      <p>{t(`owners.${owner.kind}`)}: {names.get(ownerKey(owner))} · {convening.startsAt
        ? t("convening.starts", { when: new Date(convening.startsAt).toLocaleString() }) : t("list.noTime")}</p>
      <div className="listing-actions">
        {facilitator && status.data?.convening.status !== "Ended" && <Link className="button primary" to={`/convenings/${id}/run`}>{t("list.run")}</Link>}
        {!facilitator && status.data?.convening.status !== "Ended" && <Link className="button primary" to={`/convenings/${id}/live`}>{t("list.join")}</Link>}
        {status.data && !planned && <Link className="button" to={`/convenings/${id}/summary`}>{t("list.summary")}</Link>}
      </div>
      {justSaved && <p role="status">{t("plan.saved")}</p>}
      <section aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t("convening.plan")}</h2>
        {status.data && !planned && <p>{status.data.convening.status === "Ended" ? t("convening.ended") : t("convening.begun")}</p>}
        {editing && facilitator && planned ? (
          <PlanForm initial={fromConvening(convening)} ownerKind={owner.kind} roster={roster.data ?? []} rows={rubric.data?.rows ?? []}
            save={save} saveLabel={t("plan.saveChanges")} cancel={() => setEditing(false)} />
        ) : (
          <>
            <ol className="agenda-view">
              {convening.agenda.map((item) => <li key={item.id}><AgendaLine item={item} /></li>)}
            </ol>
            {facilitator && planned && <button type="button" onClick={() => { setJustSaved(false); setEditing(true); }}>{t("convening.edit")}</button>}
          </>
        )}
      </section>
      {facilitator && <InvitePanel tenantId={tenantId} conveningId={convening.id} />}
    </>
  );
}

/** An agenda item as planned, with what its settings come to. */
function AgendaLine({ item }: { item: AgendaItem }) {
  const { t } = useTranslation("convenings");
  const detail = item.cafe
    ? item.cafe.tables.length > 0
      ? t("convening.settingsCafe", { count: item.cafe.tables.length, rounds: item.cafe.rounds, minutes: item.cafe.roundMinutes })
      : t("convening.settingsCafeRoom", { rounds: item.cafe.rounds, minutes: item.cafe.roundMinutes })
    : item.consensus ? t("convening.settingsConsensus", { proposal: item.consensus.proposal })
    : item.depthPoll ? t("convening.settingsPoll", { count: item.depthPoll.rowIds.length })
    : undefined;
  return (
    <>
      <strong>{item.title}</strong> <span className="kind">({t(`kinds.${item.kind}`)})</span>
      {detail && <><br /><span>{detail}</span></>}
    </>
  );
}
