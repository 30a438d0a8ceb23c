import { useEffect, useMemo } from "react";
import { useParams } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "../../i18n/LanguageSwitcher";
import { sharedPath, sharedStory } from "./api";
import { StoryBody, type AttachmentSource } from "./StoryBody";
import "./messages";
import "./stories.css";

/**
 * `/read/{tenantId}/{storyId}/{shareToken}`: a story published for "anyone with the link", read without signing in
 * (`GET /shared/…`), in English or Spanish. Its pictures and PDFs come from the link's own addresses. A wrong link,
 * or a story no longer shared, says so in words (the server answers the same 404 for each).
 */
export function SharedStory() {
  const { t } = useTranslation("stories");
  const { tenantId = "", storyId = "", shareToken = "" } = useParams();
  const story = useQuery({
    queryKey: ["shared", tenantId, storyId, shareToken],
    queryFn: () => sharedStory(tenantId, storyId, shareToken),
    retry: false,
  });
  const source = useMemo<AttachmentSource>(() => ({ url: (a) => `${sharedPath(tenantId, storyId, shareToken)}/attachments/${encodeURIComponent(a.id)}` }), [tenantId, storyId, shareToken]);
  const title = story.data ? t("story.title", { title: story.data.title }) : t("story.body");
  useEffect(() => { document.title = `${title} · LbcCommunity`; }, [title]);

  return (
    <>
      <header className="bar">
        <strong>LbcCommunity</strong>
        <LanguageSwitcher />
      </header>
      <main className="page stories">
        {story.error ? (
          <>
            <h1>{t("story.body")}</h1>
            <p role="alert" className="refusal">{t("shared.notFound")}</p>
          </>
        ) : !story.data ? <p role="status">{t("loading")}</p> : (
          <>
            <h1>{story.data.title}</h1>
            <p className="meta">{t("shared.sharedBy", { name: story.data.authorName })}</p>
            {story.data.summary && <p className="summary">{story.data.summary}</p>}
            <StoryBody story={story.data} rowTitle={(rowId) => rowId} attachments={source} />
          </>
        )}
        <p><a href="/">{t("shared.signIn")}</a></p>
      </main>
    </>
  );
}
