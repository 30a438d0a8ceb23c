import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { callbackPath } from "./paths";

// Sign-in against the host's own authorization server (OpenIddict, same origin): the public client `lbc-web` with the
// authorization code flow and PKCE. Tokens live in sessionStorage (one tab, gone when it closes); the access token is
// renewed with the refresh token shortly before it expires.
export { callbackPath };

const origin = window.location.origin;

export const userManager = new UserManager({
  authority: origin,
  client_id: "lbc-web",
  redirect_uri: `${origin}${callbackPath}`,
  post_logout_redirect_uri: `${origin}/`,
  response_type: "code",
  scope: "openid profile email offline_access lbc",
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  automaticSilentRenew: true,
  loadUserInfo: false,
  // Signing out revokes the refresh token at the server (/connect/revoke) before leaving: a copy of it kept anywhere
  // stops working. The access token is a short-lived JWT that expires by itself.
  revokeTokensOnSignout: true,
  revokeTokenTypes: ["refresh_token"],
});

/** Where the user was when sign-in began, carried through the authorization request as its state. */
interface ReturnState { returnTo: string }

/** Sends the browser to sign in, remembering where it was so the callback can bring it back. */
export function signIn(): Promise<void> {
  const here = window.location.pathname + window.location.search + window.location.hash;
  const state: ReturnState = { returnTo: here.startsWith(callbackPath) ? "/" : here };
  return userManager.signinRedirect({ state });
}

/** Completes sign-in on the callback page; answers the local path to go back to. */
export async function completeSignIn(): Promise<string> {
  const user = await userManager.signinRedirectCallback();
  const returnTo = (user.state as ReturnState | undefined)?.returnTo;
  // Only paths of this site: never an open redirect.
  return returnTo && returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
}

/** Set on signing out, read by the next page load: whatever user is stored then is forgotten. */
const signedOutMark = "lbc.signed-out";

/**
 * Revokes the refresh token, then ends the session here, at the server and (where it offers it) at the state's identity
 * provider, which then send the browser back to the app's root. A token renewal
 * already under way when the user signs out can store the user again after it was removed; the mark makes the page
 * the server sends back to forget that user, so signing out always ends in the sign-in page.
 */
export function signOut(): Promise<void> {
  userManager.stopSilentRenew();
  window.sessionStorage.setItem(signedOutMark, "1");
  return userManager.signoutRedirect();
}

/**
 * The signed-in user with a usable access token: the stored one, or a renewed one when it has expired (a refresh
 * token outlives many access tokens). Null when the user has to sign in again.
 */
export async function currentUser(): Promise<User | null> {
  if (window.sessionStorage.getItem(signedOutMark)) {
    window.sessionStorage.removeItem(signedOutMark);
    await userManager.removeUser();
    return null;
  }
  const user = await userManager.getUser();
  if (!user) return null;
  if (!user.expired) return user;
  if (!user.refresh_token) return null;
  try {
    return await userManager.signinSilent();
  } catch {
    await userManager.removeUser();
    return null;
  }
}

/** The current access token, for fetches and the hubs' accessTokenFactory. */
export async function accessToken(): Promise<string> {
  const user = await currentUser();
  if (!user) throw new Error("Your session has ended. Sign in again.");
  return user.access_token;
}
