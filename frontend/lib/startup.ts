import "server-only";
import { createPool } from "./auth-options";
import { migrateAuthDb } from "./migrate";
import { configProblems, runtimeEnv } from "./server-env";
import { getAuth } from "./auth";

/**
 *  1. Checks the configuration and stops the server with a clear message
 *     instead of letting every auth route answer 500 (e.g. a missing or short
 *     BETTER_AUTH_SECRET).
 *  2. Unless AUTH_AUTO_MIGRATE=false, applies Better Auth's migrations
 *     (idempotent), so a fresh database works right after `next start`.
 *  3. Signs a throwaway JWT: this creates the RS256 key pair on first start
 *     (so /api/auth/jwks is never empty when Warden checks it) and detects a
 *     BETTER_AUTH_SECRET that cannot decrypt the stored private key.
 */
export async function onServerStart(): Promise<void> {
  const problems = configProblems();
  if (problems.length > 0) {
    console.error(
      "\n[warden] Invalid configuration, refusing to start:\n  - " +
        problems.join("\n  - ") +
        "\n  (see frontend/.env.example)\n",
    );
    process.exit(1);
  }

  const auto = (runtimeEnv("AUTH_AUTO_MIGRATE") ?? "true").toLowerCase();
  if (!["false", "0", "off", "no"].includes(auto)) await migrate();
  await checkSigningKey();
}

async function checkSigningKey(): Promise<void> {
  try {
    await getAuth().api.signJWT({ body: { payload: { sub: "warden-startup-check" } } });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/decrypt/i.test(msg)) {
      console.error(
        "\n[warden] BETTER_AUTH_SECRET cannot decrypt the JWT signing key stored in the database" +
          " (the secret changed since the key was created). Restore the previous secret, or delete" +
          ` the rows of the "jwks" table in schema "${runtimeEnv("AUTH_DB_SCHEMA") ?? "auth"}" to create a new key` +
          " (tokens signed with the old key stop verifying).\n",
      );
      process.exit(1);
    }
    // Database not reachable yet, tables missing...: report, keep serving.
    console.error(`[warden] could not sign a test JWT at startup: ${msg}`);
  }
}

async function migrate(): Promise<void> {
  const pool = createPool();
  try {
    const r = await migrateAuthDb(pool);
    if (r.createdTables.length || r.alteredTables.length) {
      console.log(
        `[warden] auth schema "${r.schema}" migrated: created [${r.createdTables.join(", ")}], altered [${r.alteredTables.join(", ")}]`,
      );
    }
  } catch (e) {
    console.error(
      `[warden] auth database migration failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  } finally {
    await pool.end().catch(() => {});
  }
}
