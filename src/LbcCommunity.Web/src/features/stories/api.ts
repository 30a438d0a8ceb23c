import { useQuery } from "@tanstack/react-query";
import { ApiError, answer, send, sendBytes, type Me } from "../../api";
import { accessToken } from "../../auth";
import type { DepthLevel, Habit } from "../../protocol";

// The stories' slice of the REST API (docs/stories.md): a community's stories, a story with its comments and
// reactions, the search, "teams like mine", and the author's and facilitators' changes of status. The wire shapes
// are those of LbcCommunity.Abstractions/Stories/Story.cs (enums as their names).

export type ChallengeKind = "Technical" | "Adaptive";
export type StoryTool = "WorldCafe" | "DialogueGuide" | "FourSimpleQuestions" | "ConsensusBuilding" | "Other";
export type StoryStatus = "Draft" | "Submitted" | "Published" | "Withdrawn";
export type StoryVisibility = "Community" | "State" | "Link";
export type StoryAction = "Submit" | "Publish" | "Return" | "Withdraw" | "Reopen";
export type StoryReaction = "Thanks" | "Inspiring" | "WillTry";

export const tools: StoryTool[] = ["WorldCafe", "DialogueGuide", "FourSimpleQuestions", "ConsensusBuilding", "Other"];
export const reactions: StoryReaction[] = ["Thanks", "Inspiring", "WillTry"];
export const visibilities: StoryVisibility[] = ["Community", "State", "Link"];
export const habits: Habit[] = ["CoalescingAroundIssues", "EnsuringRelevantParticipation", "DoingTheWorkTogether"];

export interface StoryChallenge { kind?: ChallengeKind; text?: string }
export interface StoryOutcome {
  measure?: string; baseline?: number; result?: number; unit?: string; period?: string; population?: string; source?: string; verifiedBy?: string;
}
export interface StoryQuote { text?: string; who?: string; role?: string }
export interface DepthChangeDraft { rowId?: string; from?: DepthLevel; to?: DepthLevel }
export interface DepthChange { rowId: string; habit: Habit; from: DepthLevel; to: DepthLevel; period: string }

export interface StoryDraft {
  title?: string; summary?: string; body?: string; visibility?: StoryVisibility; teamId?: string; challenge?: StoryChallenge;
  habits?: Habit[]; rowIds?: string[]; tools?: StoryTool[]; otherTool?: string; outcomes?: StoryOutcome[];
  depthChanges?: DepthChangeDraft[]; quotes?: StoryQuote[]; tags?: string[];
}

export interface StoryAttachment { id: string; fileName: string; contentType: string; sizeBytes: number; addedAt: string; altText?: string }

export interface Story {
  id: string; communityId: string; teamId?: string; regionId?: string; authorPersonId: string; authorName: string; title: string;
  summary?: string; body?: string; bodyHtml?: string; status: StoryStatus; visibility: StoryVisibility; challenge?: StoryChallenge;
  habits: Habit[]; rowIds: string[]; tools: StoryTool[]; otherTool?: string; outcomes: StoryOutcome[]; depthChanges: DepthChange[];
  quotes: StoryQuote[]; tags: string[]; reactions: Partial<Record<StoryReaction, number>>; myReactions: StoryReaction[];
  commentCount: number; reviewComment?: string; publishedAt?: string; updatedAt: string; attachments: StoryAttachment[];
  /** The link's secret (link visibility): sent to the author, the community's facilitators and state staff only. */
  shareToken?: string;
}
export interface StoryComment { id: string; authorPersonId: string; authorName: string; text: string; at: string; editedAt?: string }
export interface StorySearchHit {
  storyId: string; title: string; summary?: string; communityId: string; teamId?: string; year: number; visibility: StoryVisibility;
  publishedAt?: string; authorName: string; depthChanges: DepthChange[];
}
export interface StorySearchPage { hits: StorySearchHit[]; total: number }
export interface StorySearch {
  q?: string; habit?: Habit; rowId?: string; from?: DepthLevel; to?: DepthLevel; measure?: string; regionId?: string; year?: string;
  tag?: string; communityId?: string;
}
/** The search's filters as the page keeps them in its address (`?q=…&rowId=…&from=Networking&to=Collaborating`). */
export const searchFields = ["q", "habit", "rowId", "from", "to", "measure", "regionId", "year", "tag"] as const;

const t = (tenantId: string) => `/api/tenants/${encodeURIComponent(tenantId)}`;
const e = encodeURIComponent;
const s = (tenantId: string, storyId: string) => `${t(tenantId)}/stories/${e(storyId)}`;
const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter((p): p is [string, string] => !!p[1]));
  return q.size ? `?${q}` : "";
};

export const storiesApi = {
  communityStories: (tenantId: string, communityId: string) => send<Story[]>(accessToken, "GET", `${t(tenantId)}/communities/${e(communityId)}/stories`),
  search: (tenantId: string, search: StorySearch) => send<StorySearchPage>(accessToken, "GET", `${t(tenantId)}/stories${query({ ...search })}`),
  story: (tenantId: string, storyId: string) => send<Story>(accessToken, "GET", s(tenantId, storyId)),
  update: (tenantId: string, storyId: string, draft: StoryDraft) => send<Story>(accessToken, "PUT", s(tenantId, storyId), draft),
  attach: (tenantId: string, storyId: string, file: Blob, fileName: string, altText: string) =>
    sendBytes<StoryAttachment>(accessToken, "POST", `${s(tenantId, storyId)}/attachments${query({ fileName, altText: altText.trim() || undefined })}`, file),
  removeAttachment: (tenantId: string, storyId: string, attachmentId: string) =>
    send<void>(accessToken, "DELETE", `${s(tenantId, storyId)}/attachments/${e(attachmentId)}`),
  create: (tenantId: string, communityId: string, draft: StoryDraft) => send<Story>(accessToken, "POST", `${t(tenantId)}/communities/${e(communityId)}/stories`, draft),
  transition: (tenantId: string, storyId: string, action: StoryAction, comment?: string) =>
    send<Story>(accessToken, "POST", `${s(tenantId, storyId)}/transitions`, { action, comment }),
  comments: (tenantId: string, storyId: string) => send<StoryComment[]>(accessToken, "GET", `${s(tenantId, storyId)}/comments`),
  comment: (tenantId: string, storyId: string, text: string) => send<StoryComment>(accessToken, "POST", `${s(tenantId, storyId)}/comments`, { text }),
  editComment: (tenantId: string, storyId: string, commentId: string, text: string) =>
    send<StoryComment>(accessToken, "PUT", `${s(tenantId, storyId)}/comments/${encodeURIComponent(commentId)}`, { text }),
  react: (tenantId: string, storyId: string, reaction: StoryReaction, on: boolean) =>
    send<Story>(accessToken, on ? "PUT" : "DELETE", `${s(tenantId, storyId)}/reactions/${reaction}`),
  likeMine: (tenantId: string, teamId: string) => send<StorySearchPage>(accessToken, "GET", `${t(tenantId)}/teams/${e(teamId)}/stories-like-mine`),
};

/** An attachment's address for a signed-in reader (the bytes need the bearer token). */
export const attachmentPath = (tenantId: string, storyId: string, attachmentId: string) => `${s(tenantId, storyId)}/attachments/${e(attachmentId)}`;

/** The public link's addresses (no sign-in): the story, and an attachment of it. */
export const sharedPath = (tenantId: string, storyId: string, shareToken: string) => `/shared/${e(tenantId)}/stories/${e(storyId)}/${e(shareToken)}`;
/** The web app's page of a shared story, the address the author hands on. */
export const readPagePath = (tenantId: string, storyId: string, shareToken: string) => `/read/${e(tenantId)}/${e(storyId)}/${e(shareToken)}`;
export const sharedStory = async (tenantId: string, storyId: string, shareToken: string) =>
  answer<Story>(await fetch(sharedPath(tenantId, storyId, shareToken), { headers: { Accept: "application/json" } }));

/** A refusal that is final (403, 404): asking again will not help. */
const retry = (n: number, err: Error) => !(err instanceof ApiError && err.status < 500) && n < 2;

export const storiesKey = (tenantId: string | undefined) => ["tenants", tenantId, "stories"] as const;

export const useCommunityStories = (tenantId: string | undefined, communityId: string) =>
  useQuery({ queryKey: [...storiesKey(tenantId), "community", communityId], queryFn: () => storiesApi.communityStories(tenantId!, communityId), enabled: !!tenantId, retry });

export const useStorySearch = (tenantId: string | undefined, search: StorySearch, enabled: boolean) =>
  useQuery({ queryKey: [...storiesKey(tenantId), "search", search], queryFn: () => storiesApi.search(tenantId!, search), enabled: !!tenantId && enabled, retry });

export const useStory = (tenantId: string | undefined, storyId: string) =>
  useQuery({ queryKey: [...storiesKey(tenantId), storyId], queryFn: () => storiesApi.story(tenantId!, storyId), enabled: !!tenantId, retry });

export const useComments = (tenantId: string | undefined, storyId: string, enabled: boolean) =>
  useQuery({ queryKey: [...storiesKey(tenantId), storyId, "comments"], queryFn: () => storiesApi.comments(tenantId!, storyId), enabled: !!tenantId && enabled, retry });

export const useLikeMine = (tenantId: string, teamId: string) =>
  useQuery({ queryKey: [...storiesKey(tenantId), "like", teamId], queryFn: () => storiesApi.likeMine(tenantId, teamId), retry });

/** The scopes of a role among the caller's grants (`community-member:parent-mentors:…` → `parent-mentors`). */
export const scopes = (me: Me, ...roles: string[]) =>
  [...new Set(me.grants.map((g) => g.split(":")).filter(([role, scope]) => roles.includes(role) && scope).map(([, scope]) => scope))];

/** State staff and the community's facilitators review stories (the server checks again). */
export const facilitatesCommunity = (me: Me, communityId: string) =>
  me.roles.includes("state-admin") || scopes(me, "community-facilitator").includes(communityId);

/** The field's refusals, as the server names them (`outcomes[0].measure`), case ignored. */
export function problemsOf(error: Error | null, field: string): string[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return Object.entries(error.errors).find(([k]) => k.toLowerCase() === field.toLowerCase())?.[1];
}
