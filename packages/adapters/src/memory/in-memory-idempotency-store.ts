import type { IdempotencyBegin, IdempotencyStore, StoredResponse } from "@emporium/domain";
import { copy } from "./memory-state.js";
import type { StateAccess } from "./memory-store.js";

const recordKey = (scope: string, key: string): string => `${scope}\u0000${key}`;

export class InMemoryIdempotencyStore implements IdempotencyStore {
  constructor(private readonly access: StateAccess) {}

  async begin(scope: string, key: string, requestHash: string, now: Date, ttlSeconds: number): Promise<IdempotencyBegin> {
    return this.access.write((state): IdempotencyBegin => {
      const id = recordKey(scope, key);
      const existing = state.idempotency.get(id);
      if (existing !== undefined && existing.expiresAt.getTime() > now.getTime()) {
        if (existing.requestHash !== requestHash) return { state: "mismatch" };
        if (existing.response === null) return { state: "in_progress" };
        return { state: "completed", response: copy(existing.response) };
      }
      state.idempotency.set(id, { requestHash, response: null, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) });
      return { state: "started" };
    });
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.access.write((state) => {
      const id = recordKey(scope, key);
      const existing = state.idempotency.get(id);
      if (existing === undefined) throw new Error(`idempotency key ${key} was never begun in scope ${scope}`);
      state.idempotency.set(id, { ...existing, response: copy(response) });
    });
  }

  async abandon(scope: string, key: string): Promise<void> {
    await this.access.write((state) => {
      const id = recordKey(scope, key);
      if (state.idempotency.get(id)?.response === null) state.idempotency.delete(id);
    });
  }
}
