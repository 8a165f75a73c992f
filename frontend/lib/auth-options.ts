import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { jwt } from "better-auth/plugins";
import { Pool } from "pg";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";
import {
  authBaseUrl,
  authDbSchema,
  clientIpHeaders,
  databaseUrl,
  jwtAudience,
  rateLimitEnabled,
  runtimeEnv,
  trustedOrigins,
} from "./server-env";

/**
 * A pg Pool whose sessions use the Better Auth schema (default "auth"), so
 * the auth tables never mix with Warden's own tables in a shared database.
 */
export function createPool(): Pool {
  return new Pool({
    connectionString: databaseUrl(),
    options: `-c search_path=${authDbSchema()}`,
    max: Number(runtimeEnv("AUTH_DB_POOL_MAX") ?? 5),
  });
}

/**
 * Better Auth options, shared by the running server (lib/auth.ts) and the
 * migration script (scripts/migrate.ts) so both see the same schema.
 */
export function buildAuthOptions<D extends BetterAuthOptions["database"] = Pool>(database: D) {
  const rateLimit = rateLimitEnabled();
  return {
    appName: "Warden",
    baseURL: authBaseUrl(),
    secret: runtimeEnv("BETTER_AUTH_SECRET"),
    database,
    trustedOrigins: trustedOrigins(),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    rateLimit: {
      // In PostgreSQL rather than one process's memory: every replica counts the same guesses, and a restart
      // forgets none. Unset, `enabled` is Better Auth's default: on when NODE_ENV=production.
      storage: "database",
      ...(rateLimit === undefined ? {} : { enabled: rateLimit }),
    },
    advanced: {
      ipAddress: { ipAddressHeaders: clientIpHeaders() },
      // Better Auth skips its Origin check when NODE_ENV=test or any TEST variable is set; a server never should.
      disableOriginCheck: false,
    },
    plugins: [
      jwt({
        // The browser gets its JWT from GET /api/auth/token; skip signing one
        // on every get-session call (server components call it per page).
        disableSettingJwtHeader: true,
        jwks: {
          // Without keyPairConfig the plugin signs with EdDSA; Warden expects RS256.
          keyPairConfig: { alg: "RS256", modulusLength: 2048 },
        },
        jwt: {
          issuer: authBaseUrl(),
          audience: jwtAudience(),
          expirationTime: "15m",
          // Slim payload: Warden needs the subject (the Better Auth user id,
          // also the {userId} in its paths), the session (sid: once it ends,
          // by sign-out or revocation, Warden refuses its tokens at once),
          // the email and the name.
          definePayload: ({ user, session }) => ({
            sub: user.id,
            sid: session.id,
            email: user.email,
            name: user.name,
          }),
        },
      }),
    ],
  } satisfies BetterAuthOptions;
}
