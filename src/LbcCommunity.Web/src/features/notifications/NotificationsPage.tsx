import { useState } from "react";
import { Link } from "react-router-dom";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useMe } from "../home/queries";
import { useTitle } from "../convenings/MyConvenings";
import { inboxKey, notificationsApi, useInbox, type InboxItem } from "./api";
import "./messages";
import "./notifications.css";

/**
 * `/notifications`: the person's inbox, newest first: who published or commented on which story in which community,
 * why it reached them, the excerpt, and whether it is read. Opening a story or pressing "Mark as read" marks it;
 * "Mark all as read" marks the whole inbox. Older ones in pages of 20, up to the 100 the inbox keeps.
 */
export function NotificationsPage() {
  const { t, i18n } = useTranslation("notifications");
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const [limit, setLimit] = useState(20);
  const inbox = useInbox(tenantId, limit);
  const queries = useQueryClient();
  const [news, setNews] = useState("");
  useTitle(t("inbox.title"));

  const changed = () => queries.invalidateQueries({ queryKey: inboxKey(tenantId) });
  const markOne = useMutation({
    mutationFn: (id: number) => notificationsApi.markRead(tenantId!, id),
    onSuccess: () => { setNews(t("inbox.marked")); return changed(); },
  });
  const markAll = useMutation({
    mutationFn: () => notificationsApi.markAllRead(tenantId!),
    onSuccess: ({ count }) => { setNews(t("inbox.markedAll", { count })); return changed(); },
  });

  const error = me.error ?? inbox.error ?? markOne.error ?? markAll.error;
  const when = (at: string) => new Date(at).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const line = (n: InboxItem) => t(n.kind === "Published" ? "inbox.published" : "inbox.commented", { actor: n.actorDisplayName, community: n.communityName || n.communityId });
  const reason = (n: InboxItem) => n.reason === "FollowsTag" ? t("inbox.reason.FollowsTag", { tag: n.tag ?? "" }) : t(`inbox.reason.${n.reason}`);

  return (
    <main className="page notifications">
      <h1>{t("inbox.title")}</h1>
      <p>{t("inbox.intro")}</p>
      {error && <p role="alert">{error.message}</p>}
      <p role="status" className="news">{news}</p>
      {!inbox.data ? !error && <p role="status">{t("loading")}</p> : (
        <>
          <p>{t("inbox.unread", { count: inbox.data.unreadCount })}</p>
          {inbox.data.unreadCount > 0 && (
            <p className="actions"><button type="button" disabled={markAll.isPending} onClick={() => { setNews(""); markAll.mutate(); }}>{t("inbox.markAllRead")}</button></p>
          )}
          {inbox.data.items.length === 0 ? <p>{t("inbox.none")}</p> : (
            <ul className="inbox" aria-label={t("inbox.title")}>
              {inbox.data.items.map((n) => (
                <li key={n.id} className={n.read ? undefined : "unread"}>
                  <p className="meta">
                    {!n.read && <span className="badge">{t("inbox.unreadBadge")}</span>}
                    {line(n)} · <time dateTime={n.at}>{when(n.at)}</time>
                  </p>
                  <Link
                    className="story-link"
                    to={`/stories/${encodeURIComponent(n.storyId)}`}
                    onClick={() => { if (!n.read) markOne.mutate(n.id); }}
                  >
                    {n.storyTitle}
                  </Link>
                  {n.excerpt && <p>{n.excerpt}</p>}
                  <p className="hint">{reason(n)}</p>
                  {!n.read && (
                    <button type="button" disabled={markOne.isPending} onClick={() => { setNews(""); markOne.mutate(n.id); }}>
                      {t("inbox.markRead")}<span className="sr-only">{t("inbox.markReadOf", { title: n.storyTitle })}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {inbox.data.nextBefore !== undefined && inbox.data.nextBefore !== null && limit < 100 && (
            <p className="actions"><button type="button" onClick={() => setLimit(Math.min(100, limit + 20))}>{t("inbox.more")}</button></p>
          )}
        </>
      )}
      <p><Link to="/preferences">{t("inbox.preferences")}</Link></p>
    </main>
  );
}
