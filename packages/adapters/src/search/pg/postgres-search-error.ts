/** The PostgreSQL search tables could not be read or written; hosts map `code` to 503 `search.unavailable`. */
export class PostgresSearchError extends Error {
  override readonly name = "PostgresSearchError";
  readonly code = "search.unavailable";

  constructor(action: string, cause: unknown) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
    super(`PostgreSQL search could not ${action}: ${reason}`, { cause });
  }
}
