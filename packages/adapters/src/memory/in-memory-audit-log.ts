import type { AuditEntry, AuditLog, AuditQuery, Page } from "@emporium/domain";
import { copy } from "./memory-state.js";
import { paginate } from "./memory-page.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryAuditLog implements AuditLog {
  constructor(private readonly access: StateAccess) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.access.write((state) => {
      state.audit.push(copy(entry));
    });
  }

  async appendMany(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.access.write((state) => {
      for (const entry of entries) state.audit.push(copy(entry));
    });
  }

  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const matches = this.access
      .read()
      .audit.filter(
        (e) =>
          (query.actor === undefined || e.actor === query.actor) &&
          (query.entityType === undefined || e.entityType === query.entityType) &&
          (query.entityId === undefined || e.entityId === query.entityId) &&
          (query.action === undefined || e.action === query.action),
      );
    const page = paginate(matches, { key: (e) => [e.at.getTime(), e.id], descending: [true, true] }, query);
    return { items: page.items.map(copy), nextCursor: page.nextCursor };
  }
}
