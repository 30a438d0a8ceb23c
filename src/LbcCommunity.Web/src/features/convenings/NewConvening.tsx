import { useNavigate, useSearchParams } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ConveningOwnerKind } from "../../protocol";
import { ApiError } from "../../api";
import { useMe } from "../home/queries";
import { api, mayFacilitate, ownerKey, useOwnerNames, useRoster, useTeamRubric, type Owner } from "./queries";
import { useTitle } from "./MyConvenings";
import { PlanForm } from "./PlanForm";
import { emptyPlan, toPlanDraft, type PlanState } from "./planState";
import type { FieldProblems } from "./Problems";
import "./messages";
import "./convenings.css";

const ownerKinds: ConveningOwnerKind[] = ["Team", "Community", "Initiative"];

/** Saves a plan; the server's refusal becomes problems by field (a refusal without fields is shown as the form's). */
export async function saved(call: () => Promise<unknown>): Promise<FieldProblems | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    if (error instanceof ApiError && Object.keys(error.errors).length > 0) return error.errors;
    return { form: [error instanceof Error ? error.message : String(error)] };
  }
}

/** `/convenings/new?ownerKind=Team&ownerId=…`: plan a convening of a team, community or initiative. */
export function NewConvening() {
  const { t } = useTranslation("convenings");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();
  const kind = params.get("ownerKind") as ConveningOwnerKind | null;
  const ownerId = params.get("ownerId");
  const owner: Owner | undefined = kind && ownerKinds.includes(kind) && ownerId ? { kind, id: ownerId } : undefined;
  const tenantId = me.data?.tenantId;
  const names = useOwnerNames(tenantId, owner ? [owner] : []);
  const roster = useRoster(tenantId, owner);
  const rubric = useTeamRubric(tenantId, owner);
  useTitle(t("plan.newHeading"));

  const body = () => {
    if (!me.data || !tenantId) return <p role="status">{t("loading")}</p>;
    if (!owner) return <p>{t("plan.noOwner")}</p>;
    if (!mayFacilitate(me.data, owner)) return <p role="alert">{t("plan.notFacilitator")}</p>;
    if (owner.kind !== "Initiative" && roster.isPending) return <p role="status">{t("loading")}</p>;
    const save = (plan: PlanState) => saved(async () => {
      const convening = await api.planConvening(tenantId, { ...toPlanDraft(plan), ownerKind: owner.kind, ownerId: owner.id });
      await client.invalidateQueries({ queryKey: ["tenants", tenantId, "me", "convenings"] });
      navigate(`/convenings/${encodeURIComponent(convening.id)}`);
    });
    return (
      <>
        <p>{t("plan.for", { owner: t(`owners.${owner.kind}`), name: names.get(ownerKey(owner)) ?? owner.id })}</p>
        <PlanForm initial={emptyPlan()} ownerKind={owner.kind} roster={roster.data ?? []} rows={rubric.data?.rows ?? []}
          save={save} saveLabel={t("plan.create")} cancel={() => navigate("/convenings")} />
      </>
    );
  };

  return (
    <main className="page convenings">
      <h1>{t("plan.newHeading")}</h1>
      {me.error && <p role="alert">{me.error.message}</p>}
      {body()}
    </main>
  );
}
