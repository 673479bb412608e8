import type { Page, PageRequest } from "./page.js";

export interface AuditEntry {
  readonly id: string;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string | null;
  readonly at: Date;
}

export interface AuditQuery extends PageRequest {
  readonly actor?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly action?: string;
}

/** Append-only record of admin mutations. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Appends many entries at once. */
  appendMany(entries: readonly AuditEntry[]): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<Page<AuditEntry>>;
}
