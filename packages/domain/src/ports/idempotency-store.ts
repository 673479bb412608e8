export interface StoredResponse {
  readonly status: number;
  readonly body: string;
}

export type IdempotencyBegin =
  | { readonly state: "started" }
  | { readonly state: "in_progress" }
  | { readonly state: "mismatch" }
  | { readonly state: "completed"; readonly response: StoredResponse };

/** Records requests per (scope, key) so a retried request replays the first response. */
export interface IdempotencyStore {
  /** Claims the key for this request hash, or reports what happened to an earlier claim. Expired records are ignored. */
  begin(scope: string, key: string, requestHash: string, now: Date, ttlSeconds: number): Promise<IdempotencyBegin>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Drops an unfinished claim so the request may be retried (used when it failed unexpectedly). */
  abandon(scope: string, key: string): Promise<void>;
}
