import { createBrowserRouter } from "react-router-dom";
import { callbackPath } from "../paths";

// The app's pages. The host serves wwwroot as static files with a copy of index.html under each page's folder
// (vite.config.ts, appPaths): a new top-level path needs its copy there too. Each page loads its own code, so a guest's
// phone does not download the signed-in app (its sign-in library, the state view) to join.
export const router = createBrowserRouter([
  { path: "/join", lazy: async () => ({ Component: (await import("../features/join/JoinPage")).JoinPage }) },
  // A story shared with "anyone with the link": no sign-in.
  { path: "/read/:tenantId/:storyId/:shareToken", lazy: async () => ({ Component: (await import("../features/stories/SharedStory")).SharedStory }) },
  { path: callbackPath, lazy: async () => ({ Component: (await import("../features/auth/Callback")).Callback }) },
  {
    lazy: async () => ({ Component: (await import("../features/auth/SignedIn")).SignedIn }),
    children: [
      { path: "/convenings/:conveningId/run", lazy: async () => ({ Component: (await import("../features/console/ConsolePage")).ConsolePage }) },
      { path: "/convenings/:conveningId/live", lazy: async () => ({ Component: (await import("../features/participate/MemberLive")).MemberLive }) },
      { path: "/convenings", lazy: async () => ({ Component: (await import("../features/convenings/MyConvenings")).MyConvenings }) },
      { path: "/convenings/new", lazy: async () => ({ Component: (await import("../features/convenings/NewConvening")).NewConvening }) },
      { path: "/convenings/:conveningId", lazy: async () => ({ Component: (await import("../features/convenings/ConveningPage")).ConveningPage }) },
      { path: "/convenings/:conveningId/summary", lazy: async () => ({ Component: (await import("../features/convenings/SummaryPage")).SummaryPage }) },
      { path: "/teams/:teamId/action-plan", lazy: async () => ({ Component: (await import("../features/action-plans/ActionPlanPage")).ActionPlanPage }) },
      { path: "/communities/:communityId/action-plan", lazy: async () => ({ Component: (await import("../features/action-plans/ActionPlanPage")).ActionPlanPage }) },
      { path: "/teams/:teamId", lazy: async () => ({ Component: (await import("../features/team/TeamPage")).TeamPage }) },
      { path: "/initiatives/:initiativeId", lazy: async () => ({ Component: (await import("../features/dashboard/DashboardPage")).DashboardPage }) },
      { path: "/initiatives/:initiativeId/regions/:regionId", lazy: async () => ({ Component: (await import("../features/dashboard/DashboardPage")).DashboardPage }) },
      { path: "/teams/:teamId/reports/:quarter", lazy: async () => ({ Component: (await import("../features/reports/ReportPage")).ReportPage }) },
      { path: "/initiatives/:initiativeId/reports/:quarter?", lazy: async () => ({ Component: (await import("../features/reports/StatusPage")).StatusPage }) },
      { path: "/initiatives/:initiativeId/regions/:regionId/reports/:quarter?", lazy: async () => ({ Component: (await import("../features/reports/StatusPage")).StatusPage }) },
      { path: "/initiatives/:initiativeId/evidence", lazy: async () => ({ Component: (await import("../features/reports/EvidencePage")).EvidencePage }) },
      { path: "/communities/:communityId/stories", lazy: async () => ({ Component: (await import("../features/stories/CommunityStories")).CommunityStories }) },
      { path: "/communities/:communityId/stories/new", lazy: async () => ({ Component: (await import("../features/stories/StoryForm")).StoryForm }) },
      { path: "/stories/:storyId/edit", lazy: async () => ({ Component: (await import("../features/stories/StoryForm")).EditStory }) },
      { path: "/notifications", lazy: async () => ({ Component: (await import("../features/notifications/NotificationsPage")).NotificationsPage }) },
      { path: "/preferences", lazy: async () => ({ Component: (await import("../features/notifications/PreferencesPage")).PreferencesPage }) },
      { path: "/stories/:storyId", lazy: async () => ({ Component: (await import("../features/stories/StoryPage")).StoryPage }) },
      { path: "*", lazy: async () => ({ Component: (await import("../features/home/Home")).Home }) },
    ],
  },
]);
