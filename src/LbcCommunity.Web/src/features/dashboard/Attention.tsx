import { useId, useState } from "react";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { RubricRow } from "../../api";
import { useAttention, type TeamAttention } from "./api";
import { CriterionEditor, useCriterionWords } from "./Criterion";
import { Download } from "./Download";

const dayChoices = [30, 60, 90, 180, 365];

/**
 * The lists that ask for action (docs/ratings-and-rollups.md defines each): teams that moved up this quarter, stuck,
 * not rated for N days (N chosen here), and meeting the sustained-depth criterion, each with its count. They are read
 * again whenever the roll-up's version moves, so they follow the convenings too.
 */
export function Attention({ tenantId, initiativeId, regionId, version, rubricRows, stateAdmin, csvPath }: {
  tenantId: string;
  initiativeId: string;
  regionId?: string;
  version: number;
  rubricRows: RubricRow[];
  stateAdmin: boolean;
  csvPath: (notRatedDays: number) => string;
}) {
  const { t } = useTranslation("dashboard");
  const [days, setDays] = useState(90);
  const select = useId();
  const lists = useAttention(tenantId, initiativeId, regionId, days, version);
  const criterionWords = useCriterionWords();

  return (
    <section className="attention" aria-labelledby={`${select}-heading`}>
      <h3 id={`${select}-heading`}>{t("attention.heading")}</h3>
      <label htmlFor={select}>{t("attention.notRatedDays")}</label>{" "}
      <select id={select} value={days} onChange={(e) => setDays(Number(e.target.value))}>
        {dayChoices.map((d) => <option key={d} value={d}>{d}</option>)}
      </select>
      {lists.error instanceof Error && <p role="alert" className="error">{lists.error.message}</p>}
      {lists.data && (
        <>
          <p>{t("attention.quarter", { quarter: lists.data.quarter, teams: lists.data.teams })}</p>
          <div className="attention-lists">
            <TeamList title={t("attention.movedUp")} help={t("attention.movedUpHelp")} teams={lists.data.movedUp} rows={rubricRows} list="moved-up" />
            <TeamList title={t("attention.stuck")} help={t("attention.stuckHelp")} teams={lists.data.stuck} rows={rubricRows} list="stuck" />
            <TeamList
              title={t("attention.notRated", { days: lists.data.notRatedDays })}
              help={t("attention.notRatedHelp", { days: lists.data.notRatedDays })}
              teams={lists.data.notRated} rows={rubricRows} list="not-rated"
            />
            <TeamList title={t("attention.sustained")} help={criterionWords(lists.data.criterion)} teams={lists.data.sustained} rows={rubricRows} list="sustained" />
          </div>
          <Download path={csvPath(days)} fileName={`${initiativeId}-attention.csv`} what={t("attention.heading")} />
          <CriterionEditor tenantId={tenantId} initiativeId={initiativeId} criterion={lists.data.criterion} editable={stateAdmin} />
        </>
      )}
    </section>
  );
}

function TeamList({ title, help, teams, rows, list }: { title: string; help: string; teams: TeamAttention[]; rows: RubricRow[]; list: string }) {
  const { t, i18n } = useTranslation("dashboard");
  const heading = useId();
  const rowName = (id: string) => rows.find((r) => r.id === id)?.title[i18n.language] ?? rows.find((r) => r.id === id)?.title.en ?? id;
  return (
    <section className="team-list" aria-labelledby={heading} data-list={list}>
      <h4 id={heading}>{title} <span className="count">({t("attention.count", { count: teams.length })})</span></h4>
      <p className="note">{help}</p>
      {teams.length === 0 ? <p>{t("attention.none")}</p> : (
        <ul>
          {teams.map((team) => (
            <li key={team.teamId}>
              <Link to={`/teams/${encodeURIComponent(team.teamId)}`}>{team.teamName}</Link>
              {team.rows.length > 0 && <> · {t("attention.rows", { rows: team.rows.map(rowName).join(", ") })}</>}
              {" · "}
              {team.lastRatedAt
                ? t("attention.lastRated", { date: new Date(team.lastRatedAt).toLocaleDateString(i18n.language) })
                : t("attention.neverRated")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
