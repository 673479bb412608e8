import { describe, expect, it } from "vitest";
import { at, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function idempotencyStoreContract(create: CreateHarness): void {
  describe("IdempotencyStore", () => {
    const store = useHarness(create);
    const idempotency = () => store().repos.idempotency;
    const TTL = 24 * 3600;

    it("starts a new key, then reports it in progress, completed, or reused with another body", async () => {
      const scope = uid("customer");
      const key = uid("key");
      expect(await idempotency().begin(scope, key, "hash-a", at(), TTL)).toEqual({ state: "started" });
      expect(await idempotency().begin(scope, key, "hash-a", at(1), TTL)).toEqual({ state: "in_progress" });
      expect(await idempotency().begin(scope, key, "hash-b", at(1), TTL)).toEqual({ state: "mismatch" });

      const response = { status: 201, body: '{"id":"ord-1","total":{"amount":1999,"currency":"USD"}}' };
      await idempotency().complete(scope, key, response);
      expect(await idempotency().begin(scope, key, "hash-a", at(2), TTL)).toEqual({ state: "completed", response });
      expect(await idempotency().begin(scope, key, "hash-b", at(2), TTL)).toEqual({ state: "mismatch" });
    });

    it("keeps keys of one scope invisible to another", async () => {
      const key = uid("key");
      expect(await idempotency().begin(uid("customer"), key, "hash", at(), TTL)).toEqual({ state: "started" });
      expect(await idempotency().begin(uid("customer"), key, "hash", at(), TTL)).toEqual({ state: "started" });
    });

    it("lets an abandoned claim be started again, but never abandons a completed one", async () => {
      const scope = uid("customer");
      const key = uid("key");
      await idempotency().begin(scope, key, "hash", at(), TTL);
      await idempotency().abandon(scope, key);
      expect(await idempotency().begin(scope, key, "other-hash", at(), TTL)).toEqual({ state: "started" });

      await idempotency().complete(scope, key, { status: 200, body: "{}" });
      await idempotency().abandon(scope, key);
      expect(await idempotency().begin(scope, key, "other-hash", at(), TTL)).toMatchObject({ state: "completed" });
    });

    it("ignores an expired record", async () => {
      const scope = uid("customer");
      const key = uid("key");
      await idempotency().begin(scope, key, "hash", at(), 60);
      await idempotency().complete(scope, key, { status: 201, body: "{}" });
      expect(await idempotency().begin(scope, key, "new-hash", at(1), 60)).toEqual({ state: "started" });
      expect(await idempotency().begin(scope, key, "new-hash", at(1), 60)).toEqual({ state: "in_progress" });
    });

    it("lets exactly one of concurrent requests with one key start", async () => {
      const scope = uid("customer");
      const key = uid("key");
      const results = await Promise.all(Array.from({ length: 6 }, () => idempotency().begin(scope, key, "hash", at(), TTL)));
      expect(results.filter((r) => r.state === "started")).toHaveLength(1);
      expect(results.filter((r) => r.state === "in_progress")).toHaveLength(5);
    });

    it("refuses to complete a key that was never begun", async () => {
      await expect(idempotency().complete(uid("customer"), uid("key"), { status: 200, body: "{}" })).rejects.toThrow();
    });
  });
}
