/**
 * Runs once when the Next.js server starts (not during `next build`).
 *  1. Checks the configuration (BETTER_AUTH_SECRET >= 32 chars, DATABASE_URL,
 *     ...) and stops the server with a clear message instead of letting every
 *     auth route answer 500.
 *  2. Unless AUTH_AUTO_MIGRATE=false, applies Better Auth's migrations
 *     (idempotent), so a fresh database works right after `next start`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;

  const { configProblems, runtimeEnv } = await import("./lib/server-env");
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
  if (!["false", "0", "off", "no"].includes(auto)) {
    const { migrateAuthDb } = await import("./lib/migrate");
    const { createPool } = await import("./lib/auth-options");
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
}
