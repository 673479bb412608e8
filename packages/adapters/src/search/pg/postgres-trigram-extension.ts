import { sql } from "kysely";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";

/** Where pg_trgm is installed, or why it cannot be used. */
export type TrigramExtension = { readonly schema: string } | { readonly schema: null; readonly reason: string };

/**
 * Finds pg_trgm, installing it if missing. It goes into `public` when it can:
 * an extension lives in one schema per database, and installed in a schema
 * that is later dropped (a test's) it would vanish for everyone. Its schema is
 * returned because it may not be on the search_path; callers qualify its
 * operators and functions with it.
 */
export async function ensureTrigramExtension(db: SearchDatabase): Promise<TrigramExtension> {
  const installed = await installedSchema(db);
  if (installed !== null) return { schema: installed };
  let reason = "";
  for (const create of [sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`, sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`]) {
    try {
      await create.execute(db);
    } catch (error) {
      // Another process may have installed it meanwhile (a unique violation here), or it may be out of reach.
      reason = error instanceof Error ? error.message : String(error);
    }
    const schema = await installedSchema(db);
    if (schema !== null) return { schema };
  }
  return { schema: null, reason };
}

async function installedSchema(db: SearchDatabase): Promise<string | null> {
  const { rows } = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension AS e JOIN pg_namespace AS n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm'
  `.execute(db);
  return rows[0]?.schema ?? null;
}
