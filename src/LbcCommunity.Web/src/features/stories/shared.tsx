import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { RubricRow } from "../../api";
import { useInitiatives } from "../home/queries";
import { useRubric, wordsIn } from "../team/queries";
import type { DepthChange, StorySearchHit } from "./api";

/** The rubric's rows, for their titles: the tenant's first initiative's current version (stories name rows by id). */
export function useRows(tenantId: string | undefined): RubricRow[] {
  const initiatives = useInitiatives(tenantId);
  return useRubric(tenantId, initiatives.data?.[0]?.id).data?.rows ?? [];
}

/** A row's title in the page's language, its id when the rubric does not hold it. */
export function useRowTitle(rows: RubricRow[]) {
  const { i18n } = useTranslation();
  return (rowId: string) => wordsIn(rows.find((r) => r.id === rowId)?.title, i18n.language) || rowId;
}

/** "Decision making through consensus: Networking → Collaborating, FY2025–FY2026". */
export function DepthLine({ change, rows, withPeriod = true }: { change: DepthChange; rows: RubricRow[]; withPeriod?: boolean }) {
  const { t } = useTranslation("stories");
  const title = useRowTitle(rows);
  const words = { row: title(change.rowId), from: t(`levels.${change.from}`), to: t(`levels.${change.to}`), period: change.period };
  return <>{withPeriod ? t("story.depthLine", words) : t("likeMine.line", words)}</>;
}

export interface Listed { id: string; title: string; summary?: string; authorName: string; depthChanges: DepthChange[]; status?: string }

export const fromHit = (hit: StorySearchHit): Listed => ({ ...hit, id: hit.storyId });

/** A story in a list: its title as a link, its summary, its author and its depth changes. */
export function StoryList({ stories, rows, labelledBy }: { stories: Listed[]; rows: RubricRow[]; labelledBy: string }) {
  const { t } = useTranslation("stories");
  return (
    <ul className="story-list" aria-labelledby={labelledBy}>
      {stories.map((s) => (
        <li key={s.id}>
          <Link to={`/stories/${encodeURIComponent(s.id)}`} className="story-link">{s.title}</Link>
          <span className="by"> {t("list.by", { name: s.authorName })}{s.status && <> · {s.status}</>}</span>
          {s.summary && <p className="summary">{s.summary}</p>}
          {s.depthChanges.length > 0 && (
            <ul className="depth-lines">{s.depthChanges.map((c) => <li key={c.rowId}><DepthLine change={c} rows={rows} withPeriod={false} /></li>)}</ul>
          )}
        </li>
      ))}
    </ul>
  );
}
