import type { TFunction } from "i18next";
import type { HubError } from "../hub";
import { en } from "./en";

type Known = keyof typeof en.refusal;

/**
 * A hub refusal in the person's language. In English the server's own words are shown (they name the field and why);
 * in another language, the words for its code (docs/errors.md), since the server speaks English only.
 */
export function refusalWords(t: TFunction, language: string, refusal: HubError): string {
  if (language === "en" && refusal.text) return refusal.text;
  const known = refusal.code && refusal.code in en.refusal ? (refusal.code as Known) : "other";
  return t(`refusal.${known}`);
}
