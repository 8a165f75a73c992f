import "server-only";
import { getMigrations } from "better-auth/db/migration";
import type { Pool } from "pg";
import { buildAuthOptions, createPool } from "./auth-options";
import { authDbSchema } from "./server-env";

export interface MigrationResult {
  schema: string;
  createdTables: string[];
  alteredTables: string[];
}

/**
 * Creates the auth schema if missing, then applies Better Auth's pending
 * migrations (tables user, session, account, verification, jwks).
 * Idempotent: a second run finds nothing to do.
 */
export async function migrateAuthDb(pool: Pool = createPool()): Promise<MigrationResult> {
  const schema = authDbSchema(); // validated identifier, safe to inline
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const { toBeCreated, toBeAdded, runMigrations } = await getMigrations(
    buildAuthOptions(pool),
  );
  await runMigrations();
  return {
    schema,
    createdTables: toBeCreated.map((t) => t.table),
    alteredTables: toBeAdded.map((t) => t.table),
  };
}
