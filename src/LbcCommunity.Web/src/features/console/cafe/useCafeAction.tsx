import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConveningActionArgs, ConveningActionMethod } from "../../../convening";
import { acknowledged } from "../../../hooks/useConveningHub";
import { refusalWords } from "../../../i18n/refusal";
import type { ActivityPanelProps } from "../panel";

/**
 * One control's action: sends it, and keeps the hub's refusal in words for the control to show beside itself (the
 * server changed nothing then). Each control has its own, so an error appears where the facilitator acted.
 */
export function useCafeAction(act: ActivityPanelProps["act"]) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <M extends ConveningActionMethod>(method: M, ...args: ConveningActionArgs<M>): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        const answer = await act(method, ...args);
        if (acknowledged(answer)) return true;
        setError(refusalWords(t, i18n.language, answer));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [act, t, i18n.language],
  );
  return { run, error, busy };
}

/** A control's refusal, in words, next to it. */
export function Refusal({ error }: { error?: string }) {
  return error ? <p role="alert" className="error cafe-refusal">{error}</p> : null;
}
