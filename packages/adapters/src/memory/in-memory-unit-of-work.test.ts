import { createEvent, err, ok, type Cart } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { createInMemoryPersistence, type InMemoryPersistence } from "./create-in-memory-persistence.js";

const NOW = new Date("2025-01-01T00:00:00Z");
const cart = (id: string, customerId: string): Cart => ({
  id,
  customerId,
  token: null,
  lines: [{ sku: "A", quantity: 1 }],
  couponCode: null,
  createdAt: NOW,
  updatedAt: NOW,
});
const event = (id: string) => createEvent("stock.changed", { sku: "A" }, { id, now: NOW });

describe("InMemoryUnitOfWork", () => {
  let db: InMemoryPersistence;

  beforeEach(async () => {
    db = createInMemoryPersistence();
    await db.repos.inventory.ensure("A", 1);
  });

  it("sees its own writes and publishes them only on commit", async () => {
    let seenOutside: unknown = "unset";
    const result = await db.uow.run(async (tx) => {
      await tx.carts.save(cart("c1", "u1"));
      await tx.inventory.applyDelta("A", { onHand: 5, reserved: 0 });
      await tx.outbox.append([event("e1")]);
      expect((await tx.carts.findById("c1"))?.customerId).toBe("u1");
      expect((await tx.inventory.findManyBySkus(["A"]))[0]?.onHand).toBe(5);
      seenOutside = await db.repos.carts.findById("c1");
      return ok("done");
    });
    expect(result).toEqual({ ok: true, value: "done" });
    expect(seenOutside).toBeNull();
    expect(await db.repos.carts.findById("c1")).toMatchObject({ id: "c1" });
    expect((await db.outbox.pending(10)).map((e) => e.id)).toEqual(["e1"]);
  });

  it("rolls back every write, outbox appends included, on an error result", async () => {
    const result = await db.uow.run(async (tx) => {
      await tx.carts.save(cart("c1", "u1"));
      await tx.inventory.applyDelta("A", { onHand: 5, reserved: 2 });
      await tx.outbox.append([event("e1")]);
      await tx.orders.nextNumber();
      return err({ code: "nope" });
    });
    expect(result).toEqual({ ok: false, error: { code: "nope" } });
    expect(await db.repos.carts.findById("c1")).toBeNull();
    expect(await db.repos.inventory.findManyBySkus(["A"])).toEqual([{ sku: "A", onHand: 0, reserved: 0, lowStockThreshold: 1 }]);
    expect(await db.outbox.pending(10)).toEqual([]);
    expect(await db.repos.orders.nextNumber()).toBe("EM-000001");
  });

  it("rolls back and re-raises when the work throws", async () => {
    await expect(
      db.uow.run(async (tx) => {
        await tx.outbox.append([event("e1")]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.outbox.pending(10)).toEqual([]);
  });

  it("serializes concurrent runs: each sees the commits before it, none is lost", async () => {
    await db.repos.inventory.applyDelta("A", { onHand: 10, reserved: 0 });
    // Read, yield, then write: without isolation two of these would overwrite each other.
    const reserveOne = () =>
      db.uow.run(async (tx) => {
        const [level] = await tx.inventory.findManyBySkus(["A"]);
        await new Promise((resolve) => setImmediate(resolve));
        const next = await tx.inventory.applyDelta("A", { onHand: 0, reserved: 1 });
        return ok({ before: level?.reserved, after: next?.reserved });
      });
    const results = await Promise.all(Array.from({ length: 5 }, reserveOne));
    expect(results.map((r) => (r.ok ? [r.value.before, r.value.after] : null))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
  });

  it("refuses a nested run and a write outside the transaction instead of deadlocking", async () => {
    await expect(db.uow.run(async () => db.uow.run(async () => ok(1)))).rejects.toThrow(/nested transaction/);
    await expect(db.uow.run(async () => ok(await db.repos.carts.save(cart("c1", "u1"))))).rejects.toThrow(/outside the transaction/);
    expect(await db.repos.carts.findById("c1")).toBeNull();
  });

  it("refuses repositories used after their transaction finished", async () => {
    let leaked: Parameters<Parameters<typeof db.uow.run>[0]>[0] | undefined;
    await db.uow.run(async (tx) => {
      leaked = tx;
      return ok(null);
    });
    await expect(leaked?.carts.findById("c1")).rejects.toThrow(/already finished/);
  });

  it("stores copies: neither the saved object nor a read one aliases the store", async () => {
    const original = cart("c1", "u1");
    const lines = [{ sku: "A", quantity: 1 }];
    await db.repos.carts.save({ ...original, lines });
    lines.push({ sku: "B", quantity: 2 });
    const read = await db.repos.carts.findById("c1");
    (read?.lines as { sku: string; quantity: number }[]).push({ sku: "C", quantity: 3 });
    expect((await db.repos.carts.findById("c1"))?.lines).toEqual([{ sku: "A", quantity: 1 }]);
    expect((await db.repos.carts.findById("c1"))?.createdAt).toEqual(NOW);
  });
});
