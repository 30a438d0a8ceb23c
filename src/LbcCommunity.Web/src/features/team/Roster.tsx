import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, type Me, type Member, type MemberDraft } from "../../api";
import type { StakeholderRole } from "../../protocol";
import { api, facilitates, memberIdOn, teamKey, useTeamMembers } from "./queries";

const roles: StakeholderRole[] = [
  "FamilyMember", "ParentMentor", "Student", "Teacher", "Principal", "SchoolPsychologist", "DistrictAdministrator", "CommunityPartner", "StateStaff", "Other",
];
const empty: MemberDraft = { displayName: "", email: "", stakeholderRole: "FamilyMember", isFacilitator: false };

/** The roster with stakeholder roles; its facilitators add, change and remove members. */
export function Roster({ me, tenantId, teamId }: { me: Me; tenantId: string; teamId: string }) {
  const { t } = useTranslation("team");
  const { t: common } = useTranslation();
  const members = useTeamMembers(tenantId, teamId).data ?? [];
  const mayChange = facilitates(me, teamId);
  const myId = memberIdOn(me, teamId);
  const [editing, setEditing] = useState<Member | null>(null);
  const [news, setNews] = useState("");
  const queries = useQueryClient();
  const remove = useMutation({
    mutationFn: (m: Member) => api.removeMember(tenantId, teamId, m.id),
    onSuccess: (_, m) => { setNews(t("roster.removed", { name: m.displayName })); void queries.invalidateQueries({ queryKey: teamKey(tenantId, teamId) }); },
  });

  return (
    <section id="roster" aria-labelledby="roster-heading" className="team-section">
      <h2 id="roster-heading">{t("roster.heading")} <span className="count">({t("roster.count", { count: members.length })})</span></h2>
      <ul className="roster">
        {members.map((m) => (
          <li key={m.id}>
            <span className="who">
              <strong>{m.displayName}</strong> {m.id === myId && t("roster.you")}
              <span className="role"> · {common(`roles.${m.stakeholderRole}`)}{m.isFacilitator && <> · {t("roster.facilitator")}</>}</span>
              {mayChange && <span className="email"> · {m.email ?? t("roster.noEmail")}</span>}
            </span>
            {mayChange && (
              <span className="actions">
                <button type="button" aria-label={t("roster.changeNamed", { name: m.displayName })} onClick={() => { setNews(""); setEditing(m); }}>
                  {t("roster.change")}
                </button>
                <button
                  type="button"
                  aria-label={t("roster.removeNamed", { name: m.displayName })}
                  disabled={remove.isPending}
                  onClick={() => { if (window.confirm(t("roster.confirmRemove", { name: m.displayName }))) remove.mutate(m); }}
                >
                  {t("roster.remove")}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <p role="status" className="news">{news}</p>
      {remove.error && <p role="alert">{remove.error.message}</p>}
      {mayChange && (
        <MemberForm
          key={editing?.id ?? "new"}
          tenantId={tenantId}
          teamId={teamId}
          member={editing}
          onDone={(words) => { setNews(words); setEditing(null); }}
        />
      )}
    </section>
  );
}

/** Adds a member, or changes the one given; the server's refusals are shown by the field they name. */
function MemberForm({ tenantId, teamId, member, onDone }: {
  tenantId: string; teamId: string; member: Member | null; onDone: (news: string) => void;
}) {
  const { t, i18n } = useTranslation("team");
  const { t: common } = useTranslation();
  const [draft, setDraft] = useState<MemberDraft>(member
    ? { displayName: member.displayName, email: member.email ?? "", stakeholderRole: member.stakeholderRole, isFacilitator: member.isFacilitator }
    : empty);
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: (d: MemberDraft) => {
      const body = { ...d, email: d.email?.trim() ? d.email.trim() : undefined };
      return member ? api.changeMember(tenantId, teamId, member.id, body) : api.addMember(tenantId, teamId, body);
    },
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: teamKey(tenantId, teamId) });
      if (!member) setDraft(empty);
      onDone(t(member ? "roster.changed" : "roster.added", { name: saved.displayName }));
    },
  });
  const problems = save.error instanceof ApiError ? save.error.errors : {};
  const problemOf = (field: "displayName" | "email" | "stakeholderRole") => {
    const messages = Object.entries(problems).find(([k]) => k.toLowerCase() === field.toLowerCase())?.[1];
    if (!messages) return undefined;
    return i18n.language === "en" ? messages.join(" ") : t(`roster.problems.${field}`);
  };
  const unnamed = save.error && Object.keys(problems).length === 0 ? save.error.message : undefined;
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(draft); };
  const field = (name: "displayName" | "email", type: string, label: string, autoComplete: string) => {
    const problem = problemOf(name);
    return (
      <div className="field">
        <label htmlFor={`member-${name}`}>{label}</label>
        <input
          id={`member-${name}`}
          type={type}
          autoComplete={autoComplete}
          value={draft[name] ?? ""}
          required={name === "displayName"}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `member-${name}-problem` : undefined}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        />
        {problem && <p id={`member-${name}-problem`} className="field-problem">{problem}</p>}
      </div>
    );
  };

  return (
    <form className="member-form" onSubmit={submit} aria-labelledby="member-form-heading" noValidate>
      <h3 id="member-form-heading">{member ? t("roster.changeHeading", { name: member.displayName }) : t("roster.addHeading")}</h3>
      {field("displayName", "text", t("roster.name"), "off")}
      {field("email", "email", t("roster.email"), "off")}
      <p className="hint">{t("roster.inviteNote")}</p>
      <div className="field">
        <label htmlFor="member-role">{t("roster.role")}</label>
        <select id="member-role" value={draft.stakeholderRole} onChange={(e) => setDraft({ ...draft, stakeholderRole: e.target.value as StakeholderRole })}>
          {roles.map((r) => <option key={r} value={r}>{common(`roles.${r}`)}</option>)}
        </select>
        {problemOf("stakeholderRole") && <p className="field-problem">{problemOf("stakeholderRole")}</p>}
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.isFacilitator} onChange={(e) => setDraft({ ...draft, isFacilitator: e.target.checked })} />
        {t("roster.isFacilitator")}
      </label>
      {unnamed && <p role="alert">{i18n.language === "en" ? unnamed : t("roster.problems.other")}</p>}
      {Object.keys(problems).length > 0 && <p role="alert" className="sr-only">{t("roster.problems.other")}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t("roster.saving") : member ? t("roster.save") : t("roster.add")}</button>
        {member && <button type="button" onClick={() => onDone("")}>{t("roster.cancel")}</button>}
      </div>
    </form>
  );
}
