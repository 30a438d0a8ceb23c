import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ActionAck } from "../../convening";
import type { HubError } from "../../hub";
import { acknowledged } from "../../hooks/useConveningHub";
import { refusalWords } from "../../i18n/refusal";

/**
 * One control's hub action: sends at most one at a time (a double click sends once; the ref, not the state, guards it,
 * since two clicks can come before React renders), and keeps the refusal in words to show beside that control.
 */
export function useAction() {
  const { t, i18n } = useTranslation();
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  const run = useCallback(async (send: () => Promise<ActionAck | HubError>): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setPending(true);
    setRefusal(undefined);
    try {
      const answer = await send();
      if (acknowledged(answer)) return true;
      setRefusal(refusalWords(t, i18n.language, answer));
      return false;
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, [t, i18n.language]);

  return { run, pending, refusal };
}
