import { useTranslation } from "react-i18next";
import { useLikeMine } from "./api";
import { fromHit, StoryList, useRows } from "./shared";
import "./messages";
import "./stories.css";

/**
 * On a team's page: stories of other teams that stood where this team stands on a row (its latest consensus) and went
 * deeper there (GET …/teams/{teamId}/stories-like-mine).
 */
export function StoriesLikeMine({ tenantId, teamId }: { tenantId: string; teamId: string }) {
  const { t } = useTranslation("stories");
  const like = useLikeMine(tenantId, teamId);
  const rows = useRows(tenantId);
  return (
    <section id="like-mine" aria-labelledby="like-mine-heading" className="stories team-section">
      <h2 id="like-mine-heading">{t("likeMine.heading")}</h2>
      <p>{t("likeMine.intro")}</p>
      {like.error ? <p role="alert">{like.error.message}</p>
        : !like.data ? <p role="status">{t("loading")}</p>
          : like.data.hits.length === 0 ? <p>{t("likeMine.none")}</p>
            : <StoryList stories={like.data.hits.map(fromHit)} rows={rows} labelledBy="like-mine-heading" />}
    </section>
  );
}
