import { Link } from "react-router-dom";
import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api";
import { api } from "../home/queries";
import { scopes } from "./api";
import "./messages";
import "./stories.css";

/** On the home page: the communities of practice the person belongs to or facilitates, each a link to its stories. */
export function MyCommunities({ me, tenantId }: { me: Me; tenantId: string }) {
  const { t } = useTranslation("stories");
  const ids = scopes(me, "community-member", "community-facilitator");
  const names = useQueries({
    queries: ids.map((id) => ({ queryKey: ["tenants", tenantId, "communities", id], queryFn: () => api.community(tenantId, id), staleTime: 5 * 60_000 })),
  });
  if (ids.length === 0) return null;
  return (
    <section className="stories my-communities" aria-labelledby="my-communities-heading">
      <h2 id="my-communities-heading">{t("communities.heading")}</h2>
      <ul className="story-list">
        {ids.map((id, i) => {
          const name = names[i]?.data?.name ?? id;
          return <li key={id}><Link className="story-link" to={`/communities/${encodeURIComponent(id)}/stories`}>{t("communities.open", { name })}</Link></li>;
        })}
      </ul>
    </section>
  );
}
