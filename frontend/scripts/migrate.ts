/**
 * npm run db:migrate — creates/updates Better Auth's tables in DATABASE_URL
 * (schema AUTH_DB_SCHEMA, default "auth"). Safe to run repeatedly.
 */
import { createPool } from "../lib/auth-options";
import { migrateAuthDb } from "../lib/migrate";

async function main() {
  const pool = createPool();
  try {
    const r = await migrateAuthDb(pool);
    console.log(
      `[db:migrate] schema "${r.schema}": created [${r.createdTables.join(", ") || "none"}], ` +
        `altered [${r.alteredTables.join(", ") || "none"}]`,
    );
  } finally {
    await pool.end();
  }
}

main().catch((e) => {
  console.error(`[db:migrate] failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
