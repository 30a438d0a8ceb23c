import { useCallback, useEffect, useState } from "react";
import type { CafeRoundPreview } from "../../../convening";
import { hubError, type HubError } from "../../../hub";
import type { ActivityPanelProps } from "../panel";

export interface Preview {
  preview?: CafeRoundPreview;
  error?: HubError;
  loading: boolean;
  /** Asks the server again (the console also asks whenever the convening moved on). */
  refresh: () => void;
}

/**
 * The next round's seating and warnings as the server would seat it now (`PreviewCafeRound`, a read the facilitator
 * alone may make, on the console's own connection). Asked while `ask` (the café is set and no round runs), and again
 * whenever `version` (the convening's sequence) changes, since a presence change or a move changes the next round.
 */
export function usePreview(read: ActivityPanelProps["previewCafeRound"], ask: boolean, version: number): Preview {
  const [preview, setPreview] = useState<CafeRoundPreview>();
  const [error, setError] = useState<HubError>();
  const [loading, setLoading] = useState(false);

  const askNow = useCallback(async () => {
    setLoading(true);
    try {
      setPreview(await read());
      setError(undefined);
    } catch (e) {
      setError(e && typeof e === "object" && "text" in e ? (e as HubError) : hubError(e));
    } finally {
      setLoading(false);
    }
  }, [read]);

  // A preview from before a round is no preview of the round after it.
  useEffect(() => {
    if (!ask) setPreview(undefined);
  }, [ask]);

  // A burst of events (people arriving) is asked about once, after it settles.
  useEffect(() => {
    if (!ask) return;
    const timer = setTimeout(() => void askNow(), 250);
    return () => clearTimeout(timer);
  }, [ask, version, askNow]);

  return { preview: ask ? preview : undefined, error, loading, refresh: () => void askNow() };
}
