import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFollows, useFollowToggle, type FollowKind } from "./api";
import "./messages";
import "./notifications.css";

/**
 * Follow or stop following a community or a tag: a toggle button (`aria-pressed`) whose name says what it follows, and
 * a status line that says what changed. The server decides again (a community the person may not read is refused).
 */
export function FollowButton({ tenantId, kind, id, name }: { tenantId: string; kind: FollowKind; id: string; name: string }) {
  const { t } = useTranslation("notifications");
  const follows = useFollows(tenantId);
  const toggle = useFollowToggle(tenantId);
  const [news, setNews] = useState("");
  const on = !!follows.data?.some((f) => f.kind === kind && f.id === id);
  const label = kind === "Community" ? (on ? t("follow.communityOn") : t("follow.community")) : (on ? t("follow.tagOn", { tag: id }) : t("follow.tag", { tag: id }));
  return (
    <span className="follow">
      <button
        type="button"
        aria-pressed={on}
        disabled={!follows.data || toggle.isPending}
        onClick={() => toggle.mutate({ kind, id, on: !on }, {
          onSuccess: () => setNews(on ? t("follow.unfollowed", { name }) : t("follow.followed", { name })),
          onError: () => setNews(""),
        })}
      >
        {label}
      </button>
      <span role="status" className="follow-news">{news}</span>
      {toggle.error && <span role="alert" className="field-problem">{toggle.error.message}</span>}
    </span>
  );
}
