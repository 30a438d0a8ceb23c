import { useParams } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiWith } from "../../api";
import { accessToken } from "../../auth";
import { ParticipantView } from "./ParticipantView";
import "./messages";

const api = apiWith(accessToken);
const memberJoin = {};

/**
 * `/convenings/{conveningId}/live`: a signed-in member takes part under their own name (the token names them, so
 * `Join` sends nothing). The same view as a guest's; only the token and the join differ. Lives in this chunk, not the
 * join page's, as it brings the sign-in library.
 */
export function MemberLive() {
  const { t } = useTranslation("participate");
  const { conveningId = "" } = useParams();
  const me = useQuery({ queryKey: ["me"], queryFn: api.me });
  if (me.error) return <main className="page"><p role="alert">{me.error.message}</p></main>;
  if (!me.data?.tenantId) return <main className="page"><p aria-live="polite">{t("loading")}</p></main>;
  return <ParticipantView tenantId={me.data.tenantId} conveningId={conveningId} accessToken={accessToken} join={memberJoin} languages={false} />;
}
