import { useMemo, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, type Me, type RubricRow } from "../../api";
import { useMe } from "../home/queries";
import { useTitle } from "../convenings/MyConvenings";
import { accessToken } from "../../auth";
import { FollowButton } from "../notifications/FollowButton";
import { StoryBody, type AttachmentSource } from "./StoryBody";
import { CommentItem } from "./CommentItem";
import {
  attachmentPath, readPagePath, facilitatesCommunity, problemsOf, reactions, storiesApi, storiesKey, useComments, useStory, type Story, type StoryAction,
} from "./api";
import { useRowTitle, useRows } from "./shared";
import "./messages";
import "./stories.css";

/**
 * `/stories/{storyId}`: a story as a person reads it (the challenge, what the team did, the outcomes as a table, the
 * depth change, quotes, the body as the server rendered and sanitized it, sanitized once more here), its reactions
 * and its discussion; the author submits a draft, a facilitator of the community publishes or returns it.
 */
export function StoryPage() {
  const { t } = useTranslation("stories");
  const { storyId = "" } = useParams();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const story = useStory(tenantId, storyId);
  const rows = useRows(tenantId);
  useTitle(story.data ? t("story.title", { title: story.data.title }) : t("story.body"));

  const error = me.error ?? story.error;
  if (error) {
    const status = error instanceof ApiError ? error.status : 0;
    return (
      <main className="page stories">
        <h1>{t("story.body")}</h1>
        <p role="alert" className="refusal">{status === 404 || status === 403 ? t("notFound") : error.message}</p>
        <p><Link to="/">{t("backHome")}</Link></p>
      </main>
    );
  }
  if (!me.data || !story.data || !tenantId) return <main className="page stories"><p role="status">{t("loading")}</p></main>;
  return <StoryContent me={me.data} tenantId={tenantId} story={story.data} rows={rows} />;
}

function StoryContent({ me, tenantId, story, rows }: { me: Me; tenantId: string; story: Story; rows: RubricRow[] }) {
  const { t } = useTranslation("stories");
  const rowTitle = useRowTitle(rows);
  const source = useMemo<AttachmentSource>(() => ({ url: (a) => attachmentPath(tenantId, story.id, a.id), token: accessToken }), [tenantId, story.id]);
  const author = story.authorPersonId === me.subject;
  const shareLink = story.shareToken && story.visibility === "Link"
    ? new URL(readPagePath(tenantId, story.id, story.shareToken), window.location.origin).toString()
    : undefined;
  return (
    <main className="page stories">
      <h1>{story.title}</h1>
      <p className="meta">{t("story.meta", { name: story.authorName, status: t(`status.${story.status}`), visibility: t(`visibility.${story.visibility}`) })}</p>
      {story.summary && <p className="summary">{story.summary}</p>}
      {story.reviewComment && story.status === "Draft" && <p className="refusal">{t("story.returned", { comment: story.reviewComment })}</p>}
      {story.status === "Draft" && author && (
        <p><Link to={`/stories/${encodeURIComponent(story.id)}/edit`}>{t("story.edit")}</Link></p>
      )}
      <StatusActions me={me} tenantId={tenantId} story={story} />
      {shareLink && (
        <section aria-labelledby="share-heading">
          <h2 id="share-heading">{t("share.heading")}</h2>
          <p>{story.status === "Published" ? t("share.intro") : t("share.notYet")}</p>
          <div className="field">
            <label htmlFor="share-link">{t("share.label")}</label>
            <input id="share-link" type="text" readOnly value={shareLink} onFocus={(e) => e.currentTarget.select()} />
          </div>
        </section>
      )}

      <StoryBody
        story={story}
        rowTitle={rowTitle}
        attachments={source}
        tag={(x) => <FollowButton tenantId={tenantId} kind="Tag" id={x} name={`“${x}”`} />}
      />

      {story.status === "Published" && <Reactions tenantId={tenantId} story={story} />}
      <Comments me={me} tenantId={tenantId} story={story} />
      <p><Link to={`/communities/${encodeURIComponent(story.communityId)}/stories`}>{t("story.community")}</Link></p>
    </main>
  );
}

/**
 * Submit (its author, a draft), publish or return (its community's facilitators, a submitted story), withdraw (the
 * author or a facilitator, a submitted or published one), reopen as a draft (the author, a withdrawn one).
 */
function StatusActions({ me, tenantId, story }: { me: Me; tenantId: string; story: Story }) {
  const { t } = useTranslation("stories");
  const queries = useQueryClient();
  const [comment, setComment] = useState("");
  const [news, setNews] = useState("");
  const facilitator = facilitatesCommunity(me, story.communityId);
  // The caller's subject is the person id the server names authors by (StoryViewers.Of).
  const author = story.authorPersonId === me.subject;
  const change = useMutation({
    mutationFn: (action: StoryAction) => storiesApi.transition(tenantId, story.id, action, action === "Return" ? comment : undefined),
    onSuccess: (changed) => {
      queries.setQueryData([...storiesKey(tenantId), story.id], changed);
      void queries.invalidateQueries({ queryKey: storiesKey(tenantId) });
      setNews(changed.status === "Published" ? t("story.published") : changed.status === "Submitted" ? t("story.submitted")
        : changed.status === "Withdrawn" ? t("story.withdrawn") : author ? t("story.reopened") : t("story.returnedNews"));
    },
  });
  const commentProblem = problemsOf(change.error, "comment");
  return (
    <>
      <p role="status" className="news">{news}</p>
      {change.error && !commentProblem && <p role="alert">{change.error.message}</p>}
      {story.status === "Draft" && author && (
        <p className="actions"><button type="button" className="primary" disabled={change.isPending} onClick={() => change.mutate("Submit")}>{t("story.submit")}</button></p>
      )}
      {story.status === "Submitted" && facilitator && (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t("story.review")}</h2>
          <p className="actions"><button type="button" className="primary" disabled={change.isPending} onClick={() => change.mutate("Publish")}>{t("story.publish")}</button></p>
          <div className="field">
            <label htmlFor="review-comment">{t("story.returnComment")}</label>
            <textarea
              id="review-comment"
              value={comment}
              aria-invalid={commentProblem ? true : undefined}
              aria-describedby={commentProblem ? "review-comment-problem" : undefined}
              onChange={(e) => setComment(e.target.value)}
            />
            {commentProblem && <p id="review-comment-problem" className="field-problem">{commentProblem.join(" ")}</p>}
          </div>
          <p className="actions"><button type="button" disabled={change.isPending} onClick={() => change.mutate("Return")}>{t("story.return")}</button></p>
        </section>
      )}
      {(story.status === "Submitted" || story.status === "Published") && (author || facilitator) && (
        <p className="actions"><button type="button" disabled={change.isPending} onClick={() => change.mutate("Withdraw")}>{t("story.withdraw")}</button></p>
      )}
      {story.status === "Withdrawn" && author && (
        <p className="actions"><button type="button" disabled={change.isPending} onClick={() => change.mutate("Reopen")}>{t("story.reopen")}</button></p>
      )}
    </>
  );
}

/** The small set of reactions: each a toggle showing its count, pressed when the reader left it. */
function Reactions({ tenantId, story }: { tenantId: string; story: Story }) {
  const { t } = useTranslation("stories");
  const queries = useQueryClient();
  const react = useMutation({
    mutationFn: ({ reaction, on }: { reaction: (typeof reactions)[number]; on: boolean }) => storiesApi.react(tenantId, story.id, reaction, on),
    onSuccess: (changed) => queries.setQueryData([...storiesKey(tenantId), story.id], changed),
  });
  return (
    <section aria-labelledby="reactions-heading">
      <h2 id="reactions-heading">{t("story.reactions")}</h2>
      <p className="actions">
        {reactions.map((r) => {
          const mine = story.myReactions.includes(r);
          return (
            <button key={r} type="button" aria-pressed={mine} disabled={react.isPending} onClick={() => react.mutate({ reaction: r, on: !mine })}>
              {t("story.reactionCount", { name: t(`reactions.${r}`), count: story.reactions[r] ?? 0 })}
            </button>
          );
        })}
      </p>
      {react.error && <p role="alert">{react.error.message}</p>}
    </section>
  );
}

/** The discussion under a published story, oldest first, and the form to join it. */
function Comments({ me, tenantId, story }: { me: Me; tenantId: string; story: Story }) {
  const { t, i18n } = useTranslation("stories");
  const published = story.status === "Published";
  const comments = useComments(tenantId, story.id, published);
  const [text, setText] = useState("");
  const [news, setNews] = useState("");
  const queries = useQueryClient();
  const send = useMutation({
    mutationFn: (words: string) => storiesApi.comment(tenantId, story.id, words),
    onSuccess: () => {
      setText("");
      setNews(t("comments.sent"));
      void queries.invalidateQueries({ queryKey: [...storiesKey(tenantId), story.id] });
    },
  });
  const problem = problemsOf(send.error, "text");
  const submit = (e: FormEvent) => { e.preventDefault(); setNews(""); send.mutate(text); };
  const when = (at: string) => new Date(at).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t("comments.heading")}</h2>
      {!published ? <p>{t("comments.onlyPublished")}</p> : (
        <>
          {comments.data?.length === 0 && <p>{t("comments.none")}</p>}
          <ul className="comments">
            {comments.data?.map((c) => (
              <CommentItem key={c.id} tenantId={tenantId} storyId={story.id} comment={c} own={c.authorPersonId === me.subject} when={when} onChanged={setNews} />
            ))}
          </ul>
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="comment-text">{t("comments.label")}</label>
              <textarea
                id="comment-text"
                value={text}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? "comment-text-problem" : undefined}
                onChange={(e) => setText(e.target.value)}
              />
              {problem && <p id="comment-text-problem" className="field-problem">{i18n.language === "en" ? problem.join(" ") : t("comments.problem")}</p>}
            </div>
            {send.error && !problem && <p role="alert">{send.error.message}</p>}
            <p role="status" className="news">{news}</p>
            <button type="submit" className="primary" disabled={send.isPending}>{send.isPending ? t("comments.sending") : t("comments.send")}</button>
          </form>
        </>
      )}
    </section>
  );
}
