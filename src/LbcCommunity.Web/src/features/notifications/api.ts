import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, send } from "../../api";
import { accessToken } from "../../auth";

// Follows, the in-app inbox and the person's preferences (docs/notifications.md, docs/api.md "Follows and
// notifications"). Wire shapes as the host sends them (enums as their names).

export type FollowKind = "Community" | "Tag";
export interface Follow { kind: FollowKind; id: string; followedAt: string }
export type NotificationKind = "Published" | "Commented";
export type NotificationReason = "Participant" | "FollowsCommunity" | "FollowsTag";
export interface InboxItem {
  id: number; activityId: string; kind: NotificationKind; reason: NotificationReason; tag?: string; storyId: string; storyTitle: string;
  communityId: string; communityName?: string; actorDisplayName: string; excerpt?: string; at: string; read: boolean;
}
export interface InboxPage { unreadCount: number; total: number; items: InboxItem[]; nextBefore?: number }
export type MailLanguage = "en" | "es";
export interface DigestStatus { enabled: boolean; pending: number; lastSentAt?: string; nextDueAt?: string; lastError?: string; lastErrorAt?: string }
export interface Preferences { language: MailLanguage; digestEnabled: boolean; digest?: DigestStatus }

const me = (tenantId: string) => `/api/tenants/${encodeURIComponent(tenantId)}/me`;
const e = encodeURIComponent;
const followPath = (tenantId: string, kind: FollowKind, id: string) => `${me(tenantId)}/follows/${kind === "Community" ? "communities" : "tags"}/${e(id)}`;

export const notificationsApi = {
  follows: (tenantId: string) => send<Follow[]>(accessToken, "GET", `${me(tenantId)}/follows`),
  follow: (tenantId: string, kind: FollowKind, id: string) => send<Follow>(accessToken, "PUT", followPath(tenantId, kind, id)),
  unfollow: (tenantId: string, kind: FollowKind, id: string) => send<void>(accessToken, "DELETE", followPath(tenantId, kind, id)),
  inbox: (tenantId: string, limit: number, before?: number) =>
    send<InboxPage>(accessToken, "GET", `${me(tenantId)}/notifications?limit=${limit}${before ? `&before=${before}` : ""}`),
  markRead: (tenantId: string, id: number) => send<InboxItem>(accessToken, "POST", `${me(tenantId)}/notifications/${id}/read`),
  markAllRead: (tenantId: string) => send<{ count: number }>(accessToken, "POST", `${me(tenantId)}/notifications/read`),
  preferences: (tenantId: string) => send<Preferences>(accessToken, "GET", `${me(tenantId)}/preferences`),
  setPreferences: (tenantId: string, p: { language: MailLanguage; digestEnabled: boolean }) => send<Preferences>(accessToken, "PUT", `${me(tenantId)}/preferences`, p),
};

const retry = (n: number, err: Error) => !(err instanceof ApiError && err.status < 500) && n < 2;

export const inboxKey = (tenantId: string | undefined) => ["tenants", tenantId, "me", "notifications"] as const;
export const followsKey = (tenantId: string | undefined) => ["tenants", tenantId, "me", "follows"] as const;
export const preferencesKey = (tenantId: string | undefined) => ["tenants", tenantId, "me", "preferences"] as const;

/** The newest page of the inbox; read again every 30 s and when the window regains focus, so the header's count moves. */
export const useInbox = (tenantId: string | undefined, limit = 20) =>
  useQuery({
    queryKey: [...inboxKey(tenantId), limit],
    queryFn: () => notificationsApi.inbox(tenantId!, limit),
    enabled: !!tenantId,
    refetchInterval: 30_000,
    retry,
  });

export const useFollows = (tenantId: string | undefined) =>
  useQuery({ queryKey: followsKey(tenantId), queryFn: () => notificationsApi.follows(tenantId!), enabled: !!tenantId, retry });

export const usePreferences = (tenantId: string | undefined) =>
  useQuery({ queryKey: preferencesKey(tenantId), queryFn: () => notificationsApi.preferences(tenantId!), enabled: !!tenantId, retry });

/** Follows or stops following; the list of follows is written from the answer, so every button on the page agrees. */
export function useFollowToggle(tenantId: string | undefined) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, id, on }: { kind: FollowKind; id: string; on: boolean }) => {
      if (on) await notificationsApi.follow(tenantId!, kind, id);
      else await notificationsApi.unfollow(tenantId!, kind, id);
      return notificationsApi.follows(tenantId!);
    },
    onSuccess: (follows) => queries.setQueryData(followsKey(tenantId), follows),
  });
}
