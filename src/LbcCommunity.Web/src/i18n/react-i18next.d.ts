import "i18next";
import type { Messages } from "./en";

// Typed keys: t("join.heading") is checked against the English resources at build time.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}
