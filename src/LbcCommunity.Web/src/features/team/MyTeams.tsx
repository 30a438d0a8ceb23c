import { Link } from "react-router-dom";
import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api";
import { api } from "./queries";
import "./messages";
import "./team.css";

/** The teams the person belongs to or facilitates (from their grants), each a link to its page: where a member lands. */
export function MyTeams({ me, tenantId }: { me: Me; tenantId: string }) {
  const { t } = useTranslation("team");
  const ids = [...new Set(me.grants
    .map((g) => g.split(":"))
    .filter(([role, scope]) => (role === "team-member" || role === "team-facilitator") && scope)
    .map(([, scope]) => scope))];
  const names = useQueries({
    queries: ids.map((id) => ({ queryKey: ["tenants", tenantId, "teams", id], queryFn: () => api.team(tenantId, id), staleTime: 5 * 60_000 })),
  });
  if (ids.length === 0) return null;
  return (
    <section className="my-teams" aria-labelledby="my-teams-heading">
      <h2 id="my-teams-heading">{t("home.heading")}</h2>
      <ul>
        {ids.map((id, i) => {
          const name = names[i]?.data?.name ?? id;
          return <li key={id}><Link to={`/teams/${encodeURIComponent(id)}`} aria-label={t("home.open", { name })}>{name}</Link></li>;
        })}
      </ul>
    </section>
  );
}
