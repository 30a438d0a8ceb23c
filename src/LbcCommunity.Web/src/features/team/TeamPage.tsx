import { Link, useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { ApiError, type Me, type Team } from "../../api";
import { useMe } from "../home/queries";
import { quarterOf } from "../reports/api";
import { useTitle } from "../convenings/MyConvenings";
import { useRatings, useRubric, useTeam, useTeamMembers } from "./queries";
import { Roster } from "./Roster";
import { SelfAssessment } from "./SelfAssessment";
import { History } from "./History";
import { PerceptionGapView } from "./PerceptionGapView";
import { TeamWork } from "./TeamWork";
import { StoriesLikeMine } from "../stories/LikeMine";
import "./messages";
import "./team.css";

/**
 * `/teams/{teamId}` (`?row={rowId}` opens that row's history): the team's roster, its self-assessment on the rubric,
 * its depth over time, how its members see it against what it agreed, and what its convenings produced.
 */
export function TeamPage() {
  const { t } = useTranslation("team");
  const { teamId = "" } = useParams();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const team = useTeam(tenantId, teamId);
  // The team's directory entry is readable by everyone of the tenant; its ratings only by its own people.
  const ratings = useRatings(tenantId, teamId);
  const members = useTeamMembers(tenantId, teamId);
  const rubric = useRubric(tenantId, team.data?.initiativeId);
  useTitle(team.data ? t("title", { name: team.data.name }) : t("team"));

  const error = me.error ?? team.error ?? ratings.error ?? members.error ?? rubric.error;
  if (error) {
    const status = error instanceof ApiError ? error.status : 0;
    return (
      <main className="page team">
        <h1>{team.data ? t("title", { name: team.data.name }) : t("team")}</h1>
        <p role="alert" className="refusal">{status === 403 ? t("notYours") : status === 404 ? t("notFound") : error.message}</p>
        <p><Link to="/">{t("backHome")}</Link></p>
      </main>
    );
  }
  if (!me.data || !team.data || !ratings.data || !members.data || !rubric.data || !tenantId) {
    return <main className="page team"><p role="status">{t("loading")}</p></main>;
  }
  return <TeamContent me={me.data} tenantId={tenantId} team={team.data} />;
}

function TeamContent({ me, tenantId, team }: { me: Me; tenantId: string; team: Team }) {
  const { t } = useTranslation("team");
  const sections = ["roster", "assess", "history", "gap", "work"] as const;
  return (
    <main className="page team">
      <h1>{t("title", { name: team.name })}</h1>
      <nav aria-label={t("sections.label")} className="team-sections">
        <ul>
          {sections.map((s) => <li key={s}><a href={`#${s}`}>{t(`sections.${s}`)}</a></li>)}
          <li><Link to={`/teams/${encodeURIComponent(team.id)}/reports/${quarterOf(new Date())}`}>{t("sections.report")}</Link></li>
          <li><Link to={`/teams/${encodeURIComponent(team.id)}/action-plan`}>{t("sections.actionPlan")}</Link></li>
        </ul>
      </nav>
      <Roster me={me} tenantId={tenantId} teamId={team.id} />
      <SelfAssessment me={me} tenantId={tenantId} team={team} />
      <History tenantId={tenantId} team={team} />
      <PerceptionGapView tenantId={tenantId} team={team} />
      <TeamWork tenantId={tenantId} teamId={team.id} />
      <StoriesLikeMine tenantId={tenantId} teamId={team.id} />
    </main>
  );
}
