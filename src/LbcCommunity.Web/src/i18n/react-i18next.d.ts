import "i18next";
import type { Messages } from "./en";
import type { cafeEn } from "../features/console/cafe/messages";
import type { cafeTimerEn } from "../features/cafe-timer/messages";
import type { consoleEn } from "../features/console/messages";
import type { participateEn } from "../features/participate/messages";
import type { conveningsEn } from "../features/convenings/messages";
import type { teamEn } from "../features/team/messages";
import type { dashboardEn } from "../features/dashboard/messages";
import type { storiesEn } from "../features/stories/messages";
import type { notificationsEn } from "../features/notifications/messages";
import type { reportsEn } from "../features/reports/messages";
import type { actionPlansEn } from "../features/action-plans/messages";

// Typed keys: t("join.heading") is checked against the English resources at build time. A feature that brings its
// own words (addMessages in ./index.ts) names its namespace here, as a type only, so nothing of it is bundled here.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: {
      translation: Messages;
      cafe: typeof cafeEn;
      cafeTimer: typeof cafeTimerEn;
      console: typeof consoleEn;
      participate: typeof participateEn;
      convenings: typeof conveningsEn;
      team: typeof teamEn;
      dashboard: typeof dashboardEn;
      stories: typeof storiesEn;
      notifications: typeof notificationsEn;
      reports: typeof reportsEn;
      actionPlans: typeof actionPlansEn;
    };
  }
}
