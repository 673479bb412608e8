import { err, ok, type DomainEvent } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { at, seedProduct, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function unitOfWorkContract(create: CreateHarness): void {
  describe("UnitOfWork and Outbox", () => {
    const store = useHarness(create);
    const repos = () => store().repos;
    const uow = () => store().uow;

    const event = (payload: Record<string, unknown> = {}): DomainEvent => ({
      id: uid("evt"),
      type: "stock.changed",
      payload,
      occurredAt: at(),
    });

    /** A SKU with `onHand` in stock, and a way to read its level. */
    const stocked = async (onHand: number) => {
      const sku = (await seedProduct(repos(), {}, onHand)).variants[0]!.sku;
      return { sku, level: async () => (await repos().inventory.findManyBySkus([sku]))[0] };
    };

    it("commits the change and its events together when the work returns ok", async () => {
      const { sku, level } = await stocked(10);
      const events = [event({ sku, n: 1 }), event({ sku, n: 2 })];
      const result = await uow().run(async (tx) => {
        await tx.inventory.applyDelta(sku, { onHand: 0, reserved: 3 });
        await tx.outbox.append(events);
        // The transaction sees its own writes.
        return ok((await tx.inventory.findManyBySkus([sku]))[0]?.reserved);
      });
      expect(result).toEqual({ ok: true, value: 3 });
      expect((await level())?.reserved).toBe(3);
      const committed = await store().outboxEventIds();
      expect(committed.slice(-2)).toEqual(events.map((e) => e.id));
    });

    it("rolls back the change and its events when the work returns an error", async () => {
      const { sku, level } = await stocked(10);
      const rolledBack = event({ sku });
      const result = await uow().run(async (tx) => {
        await tx.inventory.applyDelta(sku, { onHand: 0, reserved: 3 });
        await tx.outbox.append([rolledBack]);
        return err({ code: "stock.insufficient" as const });
      });
      expect(result).toEqual({ ok: false, error: { code: "stock.insufficient" } });
      expect((await level())?.reserved).toBe(0);
      expect(await store().outboxEventIds()).not.toContain(rolledBack.id);
    });

    it("rolls back and rethrows when a failure strikes after the change, before the commit", async () => {
      const { sku, level } = await stocked(10);
      const lost = event({ sku });
      const failure = new Error("the process died between the write and the commit");
      await expect(
        uow().run(async (tx) => {
          await tx.inventory.applyDelta(sku, { onHand: 5, reserved: 0 });
          await tx.outbox.append([lost]);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await level()).toMatchObject({ onHand: 10, reserved: 0 });
      expect(await store().outboxEventIds()).not.toContain(lost.id);
    });

    it("rolls back every write of the work, not just the last one", async () => {
      const a = await stocked(4);
      const b = await stocked(4);
      await uow().run(async (tx) => {
        await tx.inventory.applyDelta(a.sku, { onHand: 0, reserved: 4 });
        await tx.inventory.applyDelta(b.sku, { onHand: 0, reserved: 4 });
        return err("second thoughts");
      });
      expect((await a.level())?.reserved).toBe(0);
      expect((await b.level())?.reserved).toBe(0);
    });

    it("keeps the stock invariant under concurrent checkouts of the last items", async () => {
      const { sku, level } = await stocked(3);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          uow().run(async (tx) => {
            const reserved = await tx.inventory.applyDelta(sku, { onHand: 0, reserved: 1 });
            if (reserved === null) return err("sold out");
            await tx.outbox.append([event({ sku })]);
            return ok(reserved.reserved);
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(await level()).toMatchObject({ onHand: 3, reserved: 3 });
    });

    it("refuses to start a unit of work inside another", async () => {
      await expect(uow().run(async () => uow().run(async () => ok(1)))).rejects.toThrow();
    });

    it("appends nothing for an empty list of events", async () => {
      const before = await store().outboxEventIds();
      expect(await uow().run(async (tx) => ok(await tx.outbox.append([])))).toEqual({ ok: true, value: undefined });
      expect(await store().outboxEventIds()).toEqual(before);
    });
  });
}
