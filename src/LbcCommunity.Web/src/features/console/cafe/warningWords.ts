import type { TFunction } from "i18next";

/**
 * A round's warning in the facilitator's language. The server words its warnings in English (CafeRotation.Warnings);
 * the three it gives are recognised by their shape and said again from the "cafe" words, with the table's number as
 * the panel shows it; anything else is shown as the server sent it.
 */
export function warningWords(t: TFunction<"cafe">, warning: string, tableNumber: (tableId: string) => number): string {
  let m = /^Table (\S+) has no family member, parent mentor or student\.$/.exec(warning);
  if (m) return t("warnings.noKeyVoice", { table: tableNumber(m[1]) });
  m = /^Table (\S+) has a student but no family voice, while table (\S+) has two or more: one could move\.$/.exec(warning);
  if (m) return t("warnings.studentOnly", { table: tableNumber(m[1]), other: tableNumber(m[2]) });
  m = /^(.+) stays at table (\S+) a second round: /.exec(warning);
  if (m) return t("warnings.stays", { name: m[1], table: tableNumber(m[2]) });
  return warning;
}
