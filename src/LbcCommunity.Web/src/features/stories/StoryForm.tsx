import { useState, type FormEvent, type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, type Me } from "../../api";
import type { Habit } from "../../protocol";
import { api, useMe } from "../home/queries";
import { useTitle } from "../convenings/MyConvenings";
import {
  habits, problemsOf, scopes, storiesApi, storiesKey, tools, useStory, visibilities, type ChallengeKind, type Story, type StoryDraft, type StoryOutcome,
  type StoryTool, type StoryVisibility,
} from "./api";
import { Attachments, FilePicker, type CarriedRefusal, type Queued } from "./Attachments";
import { useRowTitle, useRows } from "./shared";
import "./messages";
import "./stories.css";

interface OutcomeText { measure: string; baseline: string; result: string; unit: string; period: string; population: string; source: string; verifiedBy: string }
const emptyOutcome: OutcomeText = { measure: "", baseline: "", result: "", unit: "%", period: "", population: "", source: "", verifiedBy: "" };
const outcomeFields = ["measure", "baseline", "result", "unit", "period", "population", "source", "verifiedBy"] as const;

/** "60", "94,7" or "94.7" as a number; blank as nothing (the server names a missing number). */
const decimal = (text: string) => {
  const trimmed = text.trim().replace(",", ".");
  return trimmed === "" || Number.isNaN(Number(trimmed)) ? undefined : Number(trimmed);
};
const blank = (text: string) => text.trim() || undefined;

/**
 * `/communities/{communityId}/stories/new`: a story from the template (the challenge, what the team did, outcomes in
 * numbers, the team and row of the depth change, a quote, the body in Markdown, who may read it), saved as a draft or
 * submitted at once. The server's refusals are shown beside the field they name.
 */
export function StoryForm() {
  const { t } = useTranslation("stories");
  const { communityId = "" } = useParams();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const community = useCommunity(tenantId, communityId);
  useTitle(t("form.title"));
  const error = me.error ?? community.error;
  if (error) return <Refused heading={t("form.title")} message={error instanceof ApiError && error.status === 404 ? t("communityNotFound") : error.message} />;
  if (!me.data || !community.data || !tenantId) return <main className="page stories"><p role="status">{t("loading")}</p></main>;
  return (
    <main className="page stories">
      <h1>{t("form.heading", { name: community.data.name })}</h1>
      <p>{t("form.intro")}</p>
      <Template me={me.data} tenantId={tenantId} communityId={communityId} />
    </main>
  );
}

/**
 * `/stories/{storyId}/edit`: a draft changed by its author (`PUT …/stories/{s}`) in the same template, prefilled, and
 * its pictures and PDFs added (with what each picture shows) or removed. Anything but one's own draft is not offered;
 * the server decides again.
 */
export function EditStory() {
  const { t } = useTranslation("stories");
  const { storyId = "" } = useParams();
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const story = useStory(tenantId, storyId);
  useTitle(story.data ? t("form.editHeading", { title: story.data.title }) : t("form.editTitle"));
  const error = me.error ?? story.error;
  if (error) {
    const status = error instanceof ApiError ? error.status : 0;
    return <Refused heading={t("form.editTitle")} message={status === 404 || status === 403 ? t("notFound") : error.message} />;
  }
  if (!me.data || !story.data || !tenantId) return <main className="page stories"><p role="status">{t("loading")}</p></main>;
  const back = <p><Link to={`/stories/${encodeURIComponent(storyId)}`}>{t("form.back")}</Link></p>;
  if (story.data.status !== "Draft" || story.data.authorPersonId !== me.data.subject) {
    return (
      <main className="page stories">
        <h1>{t("form.editTitle")}</h1>
        <p role="alert" className="refusal">{t("form.notEditable")}</p>
        {back}
      </main>
    );
  }
  return (
    <main className="page stories">
      <h1>{t("form.editHeading", { title: story.data.title })}</h1>
      {back}
      <Template me={me.data} tenantId={tenantId} communityId={story.data.communityId} initial={story.data} />
      <Attachments tenantId={tenantId} story={story.data} />
    </main>
  );
}

function Refused({ heading, message }: { heading: string; message: string }) {
  const { t } = useTranslation("stories");
  return (
    <main className="page stories">
      <h1>{heading}</h1>
      <p role="alert" className="refusal">{message}</p>
      <p><Link to="/">{t("backHome")}</Link></p>
    </main>
  );
}

const useCommunity = (tenantId: string | undefined, communityId: string) => useQuery({
  queryKey: ["tenants", tenantId, "communities", communityId],
  queryFn: () => api.community(tenantId!, communityId),
  enabled: !!tenantId,
  retry: false,
});

const asText = (n: number | undefined) => n === undefined || n === null ? "" : String(n);
const outcomeText = (o: StoryOutcome): OutcomeText => ({
  measure: o.measure ?? "", baseline: asText(o.baseline), result: asText(o.result), unit: o.unit ?? "", period: o.period ?? "",
  population: o.population ?? "", source: o.source ?? "", verifiedBy: o.verifiedBy ?? "",
});

/** The template's fields, empty for a new story or filled from the draft being edited; saves by create or by PUT. */
function Template({ me, tenantId, communityId, initial }: { me: Me; tenantId: string; communityId: string; initial?: Story }) {
  const { t, i18n } = useTranslation("stories");
  const navigate = useNavigate();
  const rows = useRows(tenantId);
  const rowTitle = useRowTitle(rows);
  const teamIds = scopes(me, "team-member", "team-facilitator");
  if (initial?.teamId && !teamIds.includes(initial.teamId)) teamIds.push(initial.teamId);
  const teams = useQueries({
    queries: teamIds.map((id) => ({ queryKey: ["tenants", tenantId, "teams", id], queryFn: () => api.team(tenantId, id), staleTime: 5 * 60_000 })),
  });

  const [title, setTitle] = useState(initial?.title ?? "");
  const [summary, setSummary] = useState(initial?.summary ?? "");
  const [kind, setKind] = useState<ChallengeKind | "">(initial?.challenge?.kind ?? "");
  const [challenge, setChallenge] = useState(initial?.challenge?.text ?? "");
  const [chosenHabits, setHabits] = useState<Habit[]>(initial?.habits ?? []);
  const [chosenTools, setTools] = useState<StoryTool[]>(initial?.tools ?? []);
  const [otherTool, setOtherTool] = useState(initial?.otherTool ?? "");
  const [outcomes, setOutcomes] = useState<OutcomeText[]>(initial ? initial.outcomes.map(outcomeText) : [{ ...emptyOutcome }]);
  const [teamId, setTeamId] = useState(initial?.teamId ?? "");
  const [rowId, setRowId] = useState(initial?.depthChanges[0]?.rowId ?? initial?.rowIds[0] ?? "");
  const [quote, setQuote] = useState(initial?.quotes[0]?.text ?? "");
  const [quoteWho, setQuoteWho] = useState(initial?.quotes[0]?.who ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const [visibility, setVisibility] = useState<StoryVisibility>(initial?.visibility ?? "Community");
  const [tags, setTags] = useState(initial?.tags.join(", ") ?? "");
  const [queued, setQueued] = useState<Queued[]>([]);
  const queries = useQueryClient();

  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const draft: StoryDraft = {
        title: blank(title),
        summary: blank(summary),
        body: blank(body),
        visibility,
        teamId: teamId || undefined,
        challenge: kind || challenge.trim() ? { kind: kind || undefined, text: blank(challenge) } : undefined,
        habits: chosenHabits,
        rowIds: rowId ? [rowId] : [],
        tools: chosenTools,
        otherTool: chosenTools.includes("Other") ? blank(otherTool) : undefined,
        outcomes: outcomes.filter((o) => Object.entries(o).some(([k, v]) => k !== "unit" && v.trim())).map((o): StoryOutcome => ({
          measure: blank(o.measure), baseline: decimal(o.baseline), result: decimal(o.result), unit: blank(o.unit), period: blank(o.period),
          population: blank(o.population), source: blank(o.source), verifiedBy: blank(o.verifiedBy),
        })),
        depthChanges: teamId && rowId ? [{ rowId }] : [],
        quotes: quote.trim() ? [{ text: quote.trim(), who: blank(quoteWho), role: initial?.quotes[0]?.role }] : [],
        tags: tags.split(",").map((x) => x.trim()).filter(Boolean),
      };
      const story = initial ? await storiesApi.update(tenantId, initial.id, draft) : await storiesApi.create(tenantId, communityId, draft);
      // The files chosen on the new form go once the draft exists; a refused one stops there (nothing submitted), and
      // the draft's edit page shows the refusal beside its field.
      for (const q of queued) {
        try {
          await storiesApi.attach(tenantId, story.id, q.file, q.file.name, q.alt);
        } catch (e) {
          const refused: CarriedRefusal = e instanceof ApiError
            ? { fileName: q.file.name, message: e.message, status: e.status, code: e.code, errors: e.errors }
            : { fileName: q.file.name, message: (e as Error).message, status: 0, errors: {} };
          return { story, refused };
        }
      }
      // Stored as a draft first: a refused submission leaves the draft, whose page offers to submit it again.
      return { story: submit ? await storiesApi.transition(tenantId, story.id, "Submit").catch(() => story) : story };
    },
    onSuccess: ({ story, refused }: { story: Story; refused?: CarriedRefusal }) => {
      queries.setQueryData([...storiesKey(tenantId), story.id], story);
      void queries.invalidateQueries({ queryKey: storiesKey(tenantId) });
      if (refused) navigate(`/stories/${encodeURIComponent(story.id)}/edit`, { state: { refused } });
      else navigate(`/stories/${encodeURIComponent(story.id)}`);
    },
  });

  const problem = (field: string) => {
    const found = problemsOf(save.error, field);
    return found && (i18n.language === "en" ? found.join(" ") : t("form.problems"));
  };
  const unnamed = save.error && !(save.error instanceof ApiError && Object.keys(save.error.errors).length > 0) ? save.error.message : undefined;
  const described = (id: string, field: string) => problem(field) ? { "aria-invalid": true as const, "aria-describedby": `${id}-problem` } : {};
  const Problem = ({ id, field }: { id: string; field: string }) => problem(field) ? <p id={`${id}-problem`} className="field-problem">{problem(field)}</p> : null;
  const text = (id: string, field: string, label: string, value: string, set: (v: string) => void, long = false, hint?: ReactNode) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint}
      {long
        ? <textarea id={id} value={value} {...described(id, field)} onChange={(e) => set(e.target.value)} />
        : <input id={id} type="text" value={value} {...described(id, field)} onChange={(e) => set(e.target.value)} />}
      <Problem id={id} field={field} />
    </div>
  );
  const toggle = <T,>(list: T[], item: T, on: boolean) => on ? [...list, item] : list.filter((x) => x !== item);
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(true); };

  return (
      <form onSubmit={submit} noValidate>
        {text("story-title", "title", t("form.storyTitle"), title, setTitle)}
        {text("story-summary", "summary", t("form.summary"), summary, setSummary, true)}

        <fieldset>
          <legend>{t("form.challenge")}</legend>
          <div className="field">
            <label htmlFor="story-kind">{t("form.kind")}</label>
            <p className="hint" id="story-kind-hint">{t("form.kindHint")}</p>
            <select id="story-kind" aria-describedby="story-kind-hint" value={kind} onChange={(e) => setKind(e.target.value as ChallengeKind | "")}>
              <option value="">—</option>
              {(["Technical", "Adaptive"] as const).map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
            </select>
            <Problem id="story-kind" field="challenge.kind" />
          </div>
          {text("story-challenge", "challenge.text", t("form.challengeText"), challenge, setChallenge, true)}
        </fieldset>

        <fieldset>
          <legend>{t("form.did")}</legend>
          <fieldset>
            <legend>{t("form.habits")}</legend>
            {habits.map((h) => (
              <label key={h} className="check">
                <input type="checkbox" checked={chosenHabits.includes(h)} onChange={(e) => setHabits(toggle(chosenHabits, h, e.target.checked))} />
                {t(`habits.${h}`)}
              </label>
            ))}
            <Problem id="story-habits" field="habits" />
          </fieldset>
          <fieldset>
            <legend>{t("form.tools")}</legend>
            {tools.map((tool) => (
              <label key={tool} className="check">
                <input type="checkbox" checked={chosenTools.includes(tool)} onChange={(e) => setTools(toggle(chosenTools, tool, e.target.checked))} />
                {t(`tools.${tool}`)}
              </label>
            ))}
            {chosenTools.includes("Other") && text("story-other-tool", "otherTool", t("form.otherTool"), otherTool, setOtherTool)}
          </fieldset>
        </fieldset>

        <fieldset>
          <legend>{t("form.outcomes")}</legend>
          {outcomes.map((o, i) => (
            <fieldset key={i}>
              <legend>{t("form.outcome", { n: i + 1 })}</legend>
              <div className="outcome">
                {outcomeFields.map((f) => text(
                  `outcome-${i}-${f}`,
                  `outcomes[${i}].${f}`,
                  f === "unit" ? t("form.unit") : t(`story.${f}`),
                  o[f],
                  (v) => setOutcomes(outcomes.map((x, j) => j === i ? { ...x, [f]: v } : x)),
                ))}
              </div>
              <button type="button" onClick={() => setOutcomes(outcomes.filter((_, j) => j !== i))}>{t("form.removeOutcome", { n: i + 1 })}</button>
            </fieldset>
          ))}
          <Problem id="story-outcomes" field="outcomes" />
          <button type="button" onClick={() => setOutcomes([...outcomes, { ...emptyOutcome }])}>{t("form.addOutcome")}</button>
        </fieldset>

        <fieldset>
          <legend>{t("form.depth")}</legend>
          <p className="hint">{t("form.depthHint")}</p>
          <div className="field">
            <label htmlFor="story-team">{t("form.team")}</label>
            <select id="story-team" value={teamId} {...described("story-team", "teamId")} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">{t("form.noTeam")}</option>
              {teamIds.map((id, i) => <option key={id} value={id}>{teams[i]?.data?.name ?? id}</option>)}
            </select>
            <Problem id="story-team" field="teamId" />
          </div>
          <div className="field">
            <label htmlFor="story-row">{t("form.row")}</label>
            <select id="story-row" value={rowId} {...described("story-row", "depthChanges[0]")} onChange={(e) => setRowId(e.target.value)}>
              <option value="">{t("form.noRow")}</option>
              {rows.map((r) => <option key={r.id} value={r.id}>{rowTitle(r.id)}</option>)}
            </select>
            <Problem id="story-row" field="depthChanges[0]" />
            <Problem id="story-depth" field="depthChanges" />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("form.quote")}</legend>
          {text("story-quote", "quotes[0].text", t("form.quote"), quote, setQuote, true)}
          {text("story-quote-who", "quotes[0].who", t("form.quoteWho"), quoteWho, setQuoteWho)}
        </fieldset>

        {text("story-body", "body", t("form.body"), body, setBody, true)}
        <div className="field">
          <label htmlFor="story-visibility">{t("form.visibility")}</label>
          <select id="story-visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as StoryVisibility)}>
            {visibilities.map((v) => <option key={v} value={v}>{t(`visibility.${v}`)}</option>)}
          </select>
        </div>
        {text("story-tags", "tags", t("form.tags"), tags, setTags)}
        {!initial && <FilePicker queued={queued} setQueued={setQueued} />}

        {save.error && <p role="alert">{unnamed ?? t("form.problems")}</p>}
        <div className="actions">
          <button type="button" disabled={save.isPending} onClick={() => save.mutate(false)}>{save.isPending ? t("form.saving") : initial ? t("form.saveChanges") : t("form.saveDraft")}</button>
          <button type="submit" className="primary" disabled={save.isPending}>{t("form.saveSubmit")}</button>
        </div>
      </form>
  );
}
