import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ActionAck } from "../../convening";
import type { HubError } from "../../hub";
import { acknowledged } from "../../hooks/useConveningHub";
import { refusalWords } from "../../i18n/refusal";

/**
 * One control's sending: `sending` while its action is under way (its button is disabled, so a second tap does not
 * send it twice), and the refusal in the person's language when the hub refuses. Nothing the person typed is cleared
 * by a refusal: the caller clears its input only when `send` answers true.
 */
export function useSend() {
  const { t, i18n } = useTranslation();
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const busy = useRef(false);

  const send = useCallback(async (action: () => Promise<ActionAck | HubError>): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setSending(true);
    setRefusal(undefined);
    try {
      const answer = await action();
      if (acknowledged(answer)) return true;
      setRefusal(refusalWords(t, i18n.language, answer));
      return false;
    } finally {
      busy.current = false;
      setSending(false);
    }
  }, [t, i18n.language]);

  return { send, sending, refusal };
}
