import { createAuthClient } from "better-auth/client";
import { ApiClient } from "./api";
import { clearDrafts } from "./draft";
import { TokenStore } from "./token-store";

/** Better Auth's browser client (same origin: /api/auth/*). */
export const authClient = createAuthClient();

/** The page's one token store: the JWT lives in this object, in memory only. */
export const tokenStore = new TokenStore();

const clients = new Map<string, ApiClient>();

/** The API client for Warden at `apiUrl` (one per URL, sharing tokenStore); an ended session leads to sign-in. */
export function apiClient(apiUrl: string): ApiClient {
  let c = clients.get(apiUrl);
  if (!c) {
    c = new ApiClient({ baseUrl: apiUrl, tokens: tokenStore });
    clients.set(apiUrl, c);
  }
  return c;
}

/** Sign out: drop the in-memory JWT and any unsaved draft, end the Better Auth session, go to sign in. */
export async function signOut(): Promise<void> {
  tokenStore.clear();
  clearDrafts();
  try {
    await authClient.signOut();
  } finally {
    window.location.assign("/sign-in");
  }
}
