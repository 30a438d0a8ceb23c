import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiWith, type RubricRow, type Words } from "../../api";
import type { ConveningSnapshot, DepthLevel, RowSpread } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";
import { useSend } from "./useSend";

const levels: DepthLevel[] = ["Informing", "Networking", "Collaborating", "Transforming"];
const steps = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/** Where the poll's rows come from: the convening's guest-readable poll-rows endpoint, with the caller's token. */
export interface PollSource { tenantId: string; conveningId: string; accessToken: () => string | Promise<string> }

const inLanguage = (words: Words, language: string) => words[language] ?? words.en ?? Object.values(words)[0] ?? "";

/**
 * The depth poll: for each polled rubric row, the attainment at each depth in steps of 10 % (the rubric's words for
 * each depth beside it), sent as one rating; and the room's live spread per row, as text.
 */
export function DepthPoll({ state, act, source }: { state: ConveningSnapshot; act: ConveningHub["act"]; source: PollSource }) {
  const { t, i18n } = useTranslation("participate");
  const poll = state.depthPoll;
  const rowIds = poll?.rowIds ?? [];
  const rows = useQuery({
    queryKey: ["tenants", source.tenantId, "convenings", source.conveningId, "poll-rows", rowIds.join(",")],
    queryFn: () => apiWith(async () => source.accessToken()).pollRows(source.tenantId, source.conveningId),
    enabled: rowIds.length > 0,
  });
  const [rating, setRating] = useState<Record<string, Partial<Record<DepthLevel, number>>>>({});
  const [sent, setSent] = useState(false);
  const { send, sending, refusal } = useSend();

  if (!poll || rowIds.length === 0) return <p role="status">{t("poll.waiting")}</p>;
  const closed = !!poll.consensusRatingId;
  const language = i18n.language;
  const known = new Map((rows.data?.rows ?? []).map((r) => [r.id, r] as const));
  const percent = (rowId: string, level: DepthLevel) => rating[rowId]?.[level] ?? 0;
  const submit = async () => {
    const ok = await send(() => act("SubmitPollRating", {
      rows: rowIds.map((rowId) => ({ rowId, cells: levels.map((level) => ({ level, attainmentPercent: percent(rowId, level) })) })),
    }));
    setSent(ok);
  };

  return (
    <section aria-labelledby="poll-heading" className="activity poll">
      <h2 id="poll-heading">{t("poll.heading")}</h2>
      {closed ? <p role="status">{t("poll.closed")}</p> : <p>{t("poll.intro")}</p>}
      {rows.isPending && <p aria-live="polite">{t("poll.loading")}</p>}
      {rows.error && <p role="alert" className="error">{t("poll.notLoaded", { error: rows.error.message })}</p>}
      {!closed && (
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          {rowIds.map((rowId) => (
            <PollRow key={rowId} rowId={rowId} row={known.get(rowId)} language={language} value={(level) => percent(rowId, level)}
              onChange={(level, value) => { setSent(false); setRating((r) => ({ ...r, [rowId]: { ...r[rowId], [level]: value } })); }} />
          ))}
          {refusal && <p role="alert" className="error">{refusal}</p>}
          {sent && <p role="status">{t("poll.sent")}</p>}
          <button type="submit" className="primary" disabled={sending}>{sending ? t("sending") : t("poll.submit")}</button>
        </form>
      )}
      <h3 id="poll-spread">{t("poll.spread")}</h3>
      <ul aria-labelledby="poll-spread" className="spread">
        {poll.spread.map((s) => <Spread key={s.rowId} spread={s} title={known.get(s.rowId) ? inLanguage(known.get(s.rowId)!.title, language) : s.rowId} />)}
      </ul>
    </section>
  );
}

function PollRow({ rowId, row, language, value, onChange }: {
  rowId: string; row?: RubricRow; language: string; value: (level: DepthLevel) => number; onChange: (level: DepthLevel, value: number) => void;
}) {
  const { t } = useTranslation("participate");
  return (
    <fieldset className="poll-row" data-row={rowId}>
      <legend>{row ? inLanguage(row.title, language) : rowId}</legend>
      {levels.map((level) => {
        const id = `${rowId}-${level}`;
        const cell = row?.cells.find((c) => c.level === level);
        return (
          <div key={level} className="cell">
            <label htmlFor={id}>{t("poll.attainment", { level: t(`poll.level.${level}`) })}</label>
            {cell && <p id={`${id}-words`} className="cell-words">{inLanguage(cell.text, language)}</p>}
            <select id={id} value={value(level)} onChange={(e) => onChange(level, Number(e.target.value))} aria-describedby={cell ? `${id}-words` : undefined}>
              {steps.map((s) => <option key={s} value={s}>{s} %</option>)}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}

/** One row's spread: how many rated it and the mean, lowest and highest depth score (0–4), as text with a bar behind. */
function Spread({ spread, title }: { spread: RowSpread; title: string }) {
  const { t } = useTranslation("participate");
  const f = (n: number) => n.toFixed(2);
  return (
    <li data-spread={spread.rowId}>
      <strong>{title}</strong>{" "}
      <span data-testid="spread">{t("poll.spreadRow", { count: spread.ratings, mean: f(spread.meanDepthScore), min: f(spread.minDepthScore), max: f(spread.maxDepthScore) })}</span>
      <span className="meter" aria-hidden="true"><span style={{ width: `${(spread.meanDepthScore / 4) * 100}%` }} /></span>
    </li>
  );
}
