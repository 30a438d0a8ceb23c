import { useEffect, useState } from "react";

/**
 * Whether the device says it is online, and whether it has been offline since the page opened. A phone that loses
 * its network may keep a stalled WebSocket open for up to the server's timeout; the device's own word shows the
 * person at once that they are offline, and "you're back" when the network returns.
 */
export function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  const [wasOffline, setWasOffline] = useState(() => !navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => { setOnline(false); setWasOffline(true); };
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, []);
  return { online, wasOffline };
}
