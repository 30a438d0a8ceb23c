import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { completeSignIn } from "../../auth";

// Once only: a code is redeemed once (StrictMode runs effects twice in development).
let handled: Promise<string> | undefined;

/** Back from the authorization server: redeems the code, then returns to where the user was. */
export function Callback() {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let done = false;
    handled ??= completeSignIn();
    handled.then((returnTo) => { if (!done) navigate(returnTo, { replace: true }); }, (e: Error) => { if (!done) setError(e.message); });
    return () => { done = true; };
  }, [navigate]);
  return (
    <main className="page">
      {error
        ? <><h1>Sign-in did not complete</h1><p role="alert">{error}</p><button type="button" onClick={() => navigate("/", { replace: true })}>Try again</button></>
        : <p aria-live="polite">Signing in…</p>}
    </main>
  );
}
