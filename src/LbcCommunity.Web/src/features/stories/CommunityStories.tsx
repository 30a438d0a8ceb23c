import { useEffect, useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import type { DepthLevel, Habit } from "../../protocol";
import { FollowButton } from "../notifications/FollowButton";
import { api, useMe, useRegions } from "../home/queries";
import { useTitle } from "../convenings/MyConvenings";
import { facilitatesCommunity, habits, problemsOf, searchFields, useCommunityStories, useStorySearch, type StorySearch } from "./api";
import { fromHit, StoryList, useRowTitle, useRows } from "./shared";
import "./messages";
import "./stories.css";

/**
 * `/communities/{communityId}/stories`: the community's published stories, newest first, and a search of them (words,
 * habit, rubric row); its facilitators also see the stories waiting for review, an author their own drafts.
 */
export function CommunityStories() {
  const { t, i18n } = useTranslation("stories");
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
  const regions = useRegions(tenantId);
  // The search lives in the page's address, so a search can be linked: `?q=…&rowId=…&from=Networking&to=Collaborating`.
  const [params, setParams] = useSearchParams();
  const search = searchOf(params);
  const searching = Object.keys(search).length > 0;
  const [draft, setDraft] = useState<StorySearch>(search);
  const paramsText = params.toString();
  useEffect(() => { setDraft(searchOf(new URLSearchParams(paramsText))); }, [paramsText]);
  const found = useStorySearch(tenantId, { ...search, communityId }, searching);
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
    const next = new URLSearchParams();
    for (const field of searchFields) {
      const value = draft[field]?.trim();
      if (value) next.set(field, value);
    }
    setParams(next);
  };
  const problem = (field: string) => problemsOf(found.error, field);
  const said = (field: string) => { const p = problem(field); return p && (i18n.language === "en" ? p.join(" ") : t("form.problems")); };
  const described = (id: string, field: string) => problem(field) ? { "aria-invalid": true as const, "aria-describedby": `${id}-problem` } : {};
  const Problem = ({ id, field }: { id: string; field: string }) => problem(field) ? <p id={`${id}-problem`} className="field-problem">{said(field)}</p> : null;
  const set = (field: keyof StorySearch) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value || undefined });
  const levels: DepthLevel[] = ["Informing", "Networking", "Collaborating", "Transforming"];
  const listed = (list: typeof published) => list.map((s) => ({ ...s, status: s.status === "Published" ? undefined : t(`status.${s.status}`) }));

  return (
    <main className="page stories">
      <h1>{t("list.title", { name: community.data.name })}</h1>
      <div className="follow-row"><FollowButton tenantId={tenantId!} kind="Community" id={communityId} name={community.data.name} /></div>
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
        <form className="search" role="search" aria-label={t("list.search")} onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="story-q">{t("list.words")}</label>
            <input id="story-q" type="search" value={draft.q ?? ""} {...described("story-q", "q")} onChange={set("q")} />
            <Problem id="story-q" field="q" />
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
            <select id="story-row" value={draft.rowId ?? ""} {...described("story-row", "rowId")} onChange={set("rowId")}>
              <option value="">{t("list.any")}</option>
              {rows.map((r) => <option key={r.id} value={r.id}>{rowTitle(r.id)}</option>)}
            </select>
            <Problem id="story-row" field="rowId" />
          </div>
          <fieldset className="depth-filter" aria-describedby="depth-filter-hint">
            <legend>{t("form.depth")}</legend>
            <p id="depth-filter-hint" className="hint">{t("list.filtersHint")}</p>
            <div className="field">
              <label htmlFor="story-from">{t("list.from")}</label>
              <select id="story-from" value={draft.from ?? ""} {...described("story-from", "from")} onChange={set("from")}>
                <option value="">{t("list.any")}</option>
                {levels.slice(0, 3).map((l) => <option key={l} value={l}>{t(`levels.${l}`)}</option>)}
              </select>
              <Problem id="story-from" field="from" />
            </div>
            <div className="field">
              <label htmlFor="story-to">{t("list.to")}</label>
              <select id="story-to" value={draft.to ?? ""} {...described("story-to", "to")} onChange={set("to")}>
                <option value="">{t("list.any")}</option>
                {levels.slice(1).map((l) => <option key={l} value={l}>{t(`levels.${l}`)}</option>)}
              </select>
              <Problem id="story-to" field="to" />
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="story-measure">{t("list.measure")}</label>
            <input id="story-measure" type="text" value={draft.measure ?? ""} {...described("story-measure", "measure")} onChange={set("measure")} />
            <Problem id="story-measure" field="measure" />
          </div>
          <div className="field">
            <label htmlFor="story-region">{t("list.region")}</label>
            <select id="story-region" value={draft.regionId ?? ""} {...described("story-region", "regionId")} onChange={set("regionId")}>
              <option value="">{t("list.any")}</option>
              {(regions.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              {draft.regionId && !regions.data?.some((r) => r.id === draft.regionId) && <option value={draft.regionId}>{draft.regionId}</option>}
            </select>
            <Problem id="story-region" field="regionId" />
          </div>
          <div className="field">
            <label htmlFor="story-year">{t("list.year")}</label>
            <input id="story-year" type="text" inputMode="numeric" autoComplete="off" value={draft.year ?? ""} {...described("story-year", "year")} onChange={set("year")} />
            <Problem id="story-year" field="year" />
          </div>
          <div className="field">
            <label htmlFor="story-tag">{t("list.tag")}</label>
            <input id="story-tag" type="text" value={draft.tag ?? ""} {...described("story-tag", "tag")} onChange={set("tag")} />
            <Problem id="story-tag" field="tag" />
          </div>
          <div className="actions">
            <button type="submit" className="primary">{t("list.find")}</button>
            {searching && <button type="button" onClick={() => setParams(new URLSearchParams())}>{t("list.clear")}</button>}
          </div>
        </form>
        {!searching
          ? published.length === 0
            ? <p>{t("list.none")}</p>
            : <StoryList stories={listed(published)} rows={rows} labelledBy="stories-heading" />
          : found.error
            ? <p role="alert">{found.error instanceof ApiError && Object.keys(found.error.errors).length > 0 ? t("list.problem") : found.error.message}</p>
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

/** The search the address names: the known fields that are set (`?from=Networking&to=Collaborating&rowId=…`). */
function searchOf(params: URLSearchParams): StorySearch {
  const search: Record<string, string> = {};
  for (const field of searchFields) {
    const value = params.get(field)?.trim();
    if (value) search[field] = value;
  }
  return search as StorySearch;
}
