import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import type { Habit } from "../../protocol";
import { api, useMe } from "../home/queries";
import { useTitle } from "../convenings/MyConvenings";
import { facilitatesCommunity, habits, useCommunityStories, useStorySearch, type StorySearch } from "./api";
import { fromHit, StoryList, useRowTitle, useRows } from "./shared";
import "./messages";
import "./stories.css";

/**
 * `/communities/{communityId}/stories`: the community's published stories, newest first, and a search of them (words,
 * habit, rubric row); its facilitators also see the stories waiting for review, an author their own drafts.
 */
export function CommunityStories() {
  const { t } = useTranslation("stories");
  const { communityId = "" } = useParams();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const community = useQuery({
    queryKey: ["tenants", tenantId, "communities", communityId],
    queryFn: () => api.community(tenantId!, communityId),
    enabled: !!tenantId,
    retry: false,
  });
  const stories = useCommunityStories(tenantId, communityId);
  const rows = useRows(tenantId);
  const rowTitle = useRowTitle(rows);
  const [draft, setDraft] = useState<StorySearch>({});
  const [search, setSearch] = useState<StorySearch | null>(null);
  const found = useStorySearch(tenantId, { ...search, communityId }, search !== null);
  useTitle(community.data ? t("list.title", { name: community.data.name }) : t("list.heading"));

  const error = me.error ?? community.error ?? stories.error;
  if (error) {
    const status = error instanceof ApiError ? error.status : 0;
    return (
      <main className="page stories">
        <h1>{t("list.heading")}</h1>
        <p role="alert" className="refusal">{status === 404 || status === 403 ? t("communityNotFound") : error.message}</p>
        <p><Link to="/">{t("backHome")}</Link></p>
      </main>
    );
  }
  if (!me.data || !community.data || !stories.data) return <main className="page stories"><p role="status">{t("loading")}</p></main>;

  const facilitator = facilitatesCommunity(me.data, communityId);
  const published = stories.data.filter((s) => s.status === "Published");
  const waiting = stories.data.filter((s) => s.status === "Submitted" && facilitator);
  const mine = stories.data.filter((s) => s.status !== "Published" && s.authorPersonId === me.data!.subject && !waiting.includes(s));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ q: draft.q?.trim() || undefined, habit: draft.habit, rowId: draft.rowId });
  };
  const listed = (list: typeof published) => list.map((s) => ({ ...s, status: s.status === "Published" ? undefined : t(`status.${s.status}`) }));

  return (
    <main className="page stories">
      <h1>{t("list.title", { name: community.data.name })}</h1>
      <p><Link to={`/communities/${encodeURIComponent(communityId)}/stories/new`}>{t("list.write")}</Link></p>

      {waiting.length > 0 && (
        <section aria-labelledby="waiting-heading">
          <h2 id="waiting-heading">{t("list.review")}</h2>
          <StoryList stories={listed(waiting)} rows={rows} labelledBy="waiting-heading" />
        </section>
      )}
      {mine.length > 0 && (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t("list.mine")}</h2>
          <StoryList stories={listed(mine)} rows={rows} labelledBy="mine-heading" />
        </section>
      )}

      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading">{t("list.heading")}</h2>
        <form className="search" role="search" aria-label={t("list.search")} onSubmit={submit}>
          <div className="field">
            <label htmlFor="story-q">{t("list.words")}</label>
            <input id="story-q" type="search" value={draft.q ?? ""} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="story-habit">{t("list.habit")}</label>
            <select id="story-habit" value={draft.habit ?? ""} onChange={(e) => setDraft({ ...draft, habit: (e.target.value || undefined) as Habit | undefined })}>
              <option value="">{t("list.any")}</option>
              {habits.map((h) => <option key={h} value={h}>{t(`habits.${h}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="story-row">{t("list.row")}</label>
            <select id="story-row" value={draft.rowId ?? ""} onChange={(e) => setDraft({ ...draft, rowId: e.target.value || undefined })}>
              <option value="">{t("list.any")}</option>
              {rows.map((r) => <option key={r.id} value={r.id}>{rowTitle(r.id)}</option>)}
            </select>
          </div>
          <button type="submit" className="primary">{t("list.find")}</button>
        </form>
        {search === null
          ? published.length === 0
            ? <p>{t("list.none")}</p>
            : <StoryList stories={listed(published)} rows={rows} labelledBy="stories-heading" />
          : found.error
            ? <p role="alert">{found.error.message}</p>
            : !found.data
              ? <p role="status">{t("loading")}</p>
              : (
                <>
                  <p role="status">{t("list.results", { count: found.data.total })}</p>
                  <StoryList stories={found.data.hits.map(fromHit)} rows={rows} labelledBy="stories-heading" />
                </>
              )}
      </section>
    </main>
  );
}
