import "server-only";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { buildAuthOptions, createPool } from "./auth-options";
import { assertConfig } from "./server-env";

function createAuth() {
  // Fail with one clear message instead of a 500 on every auth route.
  assertConfig();
  const options = buildAuthOptions(createPool());
  return betterAuth({
    ...options,
    plugins: [...options.plugins, nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// Created lazily (so `next build` needs no secret or database) and kept on
// globalThis so dev-mode hot reloads do not open a new pool every time.
const globalForAuth = globalThis as unknown as { __wardenAuth?: Auth };

export function getAuth(): Auth {
  if (!globalForAuth.__wardenAuth) {
    globalForAuth.__wardenAuth = createAuth();
  }
  return globalForAuth.__wardenAuth;
}

/** The current session (or null) for a server component / route handler. */
export async function getServerSession() {
  const { headers } = await import("next/headers");
  return getAuth().api.getSession({ headers: await headers() });
}
