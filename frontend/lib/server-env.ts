import "server-only";
/**
 * Server-side configuration, read from the environment at RUN time.
 *
 * Next.js inlines `process.env.NEXT_PUBLIC_*` at build time wherever it sees
 * that literal expression. Reading through `runtimeEnv(name)` (a computed key)
 * is not rewritten, so the server picks up the value of the running process:
 * the JWT audience, the CSP `connect-src` and the API URL handed to the
 * browser all follow the environment of `next start`, not of `next build`.
 */

export function runtimeEnv(name: string): string | undefined {
  const value = process.env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function stripTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}

/** The app's own base URL (= JWT issuer), e.g. http://localhost:3000. */
export function authBaseUrl(): string {
  const raw = runtimeEnv("BETTER_AUTH_URL") ?? "http://localhost:3000";
  return stripTrailingSlashes(raw);
}

/**
 * Warden's base URL, as seen by the browser. Also the JWT audience unless
 * JWT_AUDIENCE overrides it (must equal Warden's JWT_AUDIENCE).
 */
export function apiBaseUrl(): string {
  const raw = runtimeEnv("NEXT_PUBLIC_API_URL") ?? "http://localhost:8080";
  return stripTrailingSlashes(raw);
}

export function jwtAudience(): string {
  return stripTrailingSlashes(runtimeEnv("JWT_AUDIENCE") ?? apiBaseUrl());
}

/** Origin (scheme://host:port) of a URL, or null when it does not parse. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** BETTER_AUTH_URL plus the comma separated TRUSTED_ORIGINS. */
export function trustedOrigins(): string[] {
  const extra = (runtimeEnv("TRUSTED_ORIGINS") ?? "")
    .split(",")
    .map((s) => stripTrailingSlashes(s.trim()))
    .filter((s) => s.length > 0);
  const base = originOf(authBaseUrl()) ?? authBaseUrl();
  return Array.from(new Set([base, ...extra]));
}

/**
 * AUTH_RATE_LIMIT: "off"/"false"/"0" disables Better Auth's rate limiter
 * (for automated tests), "on"/"true"/"1" forces it on; unset keeps Better
 * Auth's default (on in production, off in development).
 */
export function rateLimitEnabled(): boolean | undefined {
  const v = runtimeEnv("AUTH_RATE_LIMIT")?.toLowerCase();
  if (v === undefined) return undefined;
  if (["off", "false", "0", "no", "disabled"].includes(v)) return false;
  if (["on", "true", "1", "yes", "enabled"].includes(v)) return true;
  throw new Error(`AUTH_RATE_LIMIT must be "on" or "off", got "${v}"`);
}

const HEADER_NAME_RE = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * The request headers Better Auth reads the client's address from, for its rate limiter (AUTH_CLIENT_IP_HEADER, a
 * comma list). Only a header that the proxy in front of the app overwrites can be trusted: any other a client sends
 * as it likes, and a fresh X-Forwarded-For per request would be a fresh allowance of password guesses. On Vercel
 * (which sets VERCEL=1) the default is x-vercel-forwarded-for, which Vercel's edge sets itself; elsewhere none, so
 * requests whose address is unknown share one allowance per path: it caps guessing for everyone together.
 */
export function clientIpHeaders(): string[] {
  const raw = runtimeEnv("AUTH_CLIENT_IP_HEADER") ?? (runtimeEnv("VERCEL") === "1" ? "x-vercel-forwarded-for" : "");
  const names = raw
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
  const bad = names.filter((n) => !HEADER_NAME_RE.test(n));
  if (bad.length > 0) {
    throw new Error(`AUTH_CLIENT_IP_HEADER must name HTTP headers (comma separated), got "${bad.join('", "')}"`);
  }
  return Array.from(new Set(names));
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Postgres schema holding Better Auth's tables (AUTH_DB_SCHEMA, default "auth"). */
export function authDbSchema(): string {
  const schema = runtimeEnv("AUTH_DB_SCHEMA") ?? "auth";
  if (!SCHEMA_RE.test(schema)) {
    throw new Error(
      `AUTH_DB_SCHEMA must be a lower-case SQL identifier ([a-z_][a-z0-9_]*), got "${schema}"`,
    );
  }
  return schema;
}

export function databaseUrl(): string {
  const url = runtimeEnv("DATABASE_URL") ?? runtimeEnv("NEON_DATABASE_URL");
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: point it at PostgreSQL, e.g. postgresql://postgres@127.0.0.1:5432/warden_auth",
    );
  }
  return url;
}

/**
 * The shortest BETTER_AUTH_SECRET the server starts with: anyone who guesses the secret can forge sessions. The one
 * value of this rule; README.md states it and Warden's doctor checks secrets against the same number.
 */
export const MIN_SECRET_LENGTH = 32;

/**
 * BETTER_AUTH_SECRET values that are published, so anyone could forge sessions with them, and where. The one list of
 * this rule: tests pin the placeholder to .env.example and the dev default to Warden's application.properties, whose
 * doctor (SecretCheck) holds the same two.
 */
export const PUBLISHED_SECRETS: ReadonlyMap<string, string> = new Map([
  ["change-me-to-a-random-string-of-32-chars-or-more", "the placeholder of frontend/.env.example"],
  ["local-dev-only-secret-not-for-production-use", "the dev-mode default of Warden's application.properties"],
]);

/**
 * Hosts a browser treats as a secure context over plain http, so a local `next start` may use them: Warden's own
 * rule (dev.warden.config.Loopback), a dotted-quad 127.0.0.0/8 address and not any name that starts like one.
 */
function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
  } catch {
    return false;
  }
}

/** Problems with the configuration that make the auth server unusable (or, in production, unsafe). */
export function configProblems(): string[] {
  const problems: string[] = [];
  const production = process.env.NODE_ENV === "production";
  const secret = runtimeEnv("BETTER_AUTH_SECRET");
  if (!secret) {
    problems.push(
      `BETTER_AUTH_SECRET is not set: generate one with \`openssl rand -base64 32\` (at least ${MIN_SECRET_LENGTH} characters).`,
    );
  } else if (secret.length < MIN_SECRET_LENGTH) {
    problems.push(
      `BETTER_AUTH_SECRET is too short (${secret.length} characters): it must be at least ${MIN_SECRET_LENGTH}.`,
    );
  } else if (production && PUBLISHED_SECRETS.has(secret)) {
    problems.push(
      `BETTER_AUTH_SECRET is ${PUBLISHED_SECRETS.get(secret)}, known to everyone: anyone could forge sessions. Generate one with \`openssl rand -base64 32\`.`,
    );
  }
  const authUrl = runtimeEnv("BETTER_AUTH_URL");
  if (production && !authUrl) {
    problems.push(
      "BETTER_AUTH_URL is not set: in production it must be this site's public https:// URL (the JWT issuer; Better Auth marks session cookies Secure only for an https:// URL).",
    );
  } else if (production && authUrl && originOf(authUrl) !== null && !authUrl.startsWith("https://") && !isLoopback(authUrl)) {
    problems.push(
      `BETTER_AUTH_URL must be https:// in production: Better Auth marks session cookies Secure only then (got "${authUrl}").`,
    );
  }
  if (!runtimeEnv("DATABASE_URL") && !runtimeEnv("NEON_DATABASE_URL")) {
    problems.push("DATABASE_URL is not set: point it at PostgreSQL.");
  }
  for (const name of ["BETTER_AUTH_URL", "NEXT_PUBLIC_API_URL"]) {
    const v = runtimeEnv(name);
    if (v && originOf(v) === null) problems.push(`${name} is not a valid URL: "${v}"`);
  }
  for (const check of [rateLimitEnabled, clientIpHeaders, authDbSchema]) {
    try {
      check();
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  // Off, sign-in takes unlimited password guesses; a production build served on this machine is a test stack.
  if (production && rateLimitSetting() === false && !isLoopback(authBaseUrl())) {
    problems.push(
      "AUTH_RATE_LIMIT=off in production: sign-in would take unlimited password guesses. Unset it (on by default in production); only a server on this machine (BETTER_AUTH_URL on loopback) may turn it off.",
    );
  }
  return problems;
}

function rateLimitSetting(): boolean | undefined {
  try {
    return rateLimitEnabled();
  } catch {
    return undefined;
  }
}

export function assertConfig(): void {
  const problems = configProblems();
  if (problems.length > 0) {
    throw new Error(
      "Warden frontend: invalid configuration:\n  - " + problems.join("\n  - "),
    );
  }
}
