import { createPool } from "./auth-options";
import { migrateAuthDb } from "./migrate";
import { configProblems, runtimeEnv } from "./server-env";

/**
 *  1. Checks the configuration and stops the server with a clear message
 *     instead of letting every auth route answer 500 (e.g. a missing or short
 *     BETTER_AUTH_SECRET).
 *  2. Unless AUTH_AUTO_MIGRATE=false, applies Better Auth's migrations
 *     (idempotent), so a fresh database works right after `next start`.
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
  if (["false", "0", "off", "no"].includes(auto)) return;

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
