import type { StockMovement } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { aReservation, aVariant, at, collectPages, seedProduct, seedStock, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function inventoryRepositoryContract(create: CreateHarness): void {
  describe("InventoryRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    /** A fresh SKU with a stock level of `onHand`. */
    const stocked = async (onHand: number, threshold = 5): Promise<string> => {
      const product = await seedProduct(repos());
      const sku = product.variants[0]!.sku;
      await seedStock(repos(), sku, onHand, threshold);
      return sku;
    };

    it("creates a level at zero with ensure, and later only changes its threshold", async () => {
      const sku = (await seedProduct(repos())).variants[0]!.sku;
      await repos().inventory.ensure(sku, 3);
      expect(await repos().inventory.findManyBySkus([sku])).toEqual([{ sku, onHand: 0, reserved: 0, lowStockThreshold: 3 }]);
      await repos().inventory.applyDelta(sku, { onHand: 10, reserved: 4 });
      await repos().inventory.ensure(sku, 8);
      expect(await repos().inventory.findManyBySkus([sku])).toEqual([{ sku, onHand: 10, reserved: 4, lowStockThreshold: 8 }]);
    });

    it("finds levels in SKU order and skips unknown SKUs", async () => {
      const product = await seedProduct(repos(), { variants: [aVariant({ sku: `${uid("B")}` }), aVariant({ sku: `${uid("A")}` })] }, 2);
      const skus = product.variants.map((v) => v.sku);
      const levels = await repos().inventory.findManyBySkus([...skus, "NO-SUCH-SKU"]);
      expect(levels.map((l) => l.sku)).toEqual([...skus].sort());
      expect(await repos().inventory.findManyBySkus([])).toEqual([]);
    });

    it("finds SKUs for sale with their variant, product and stock, in SKU order, skipping unknown SKUs", async () => {
      const stockedVariant = aVariant({ sku: uid("B").toUpperCase(), price: 2500, options: { size: "L" } });
      const bareVariant = aVariant({ sku: uid("A").toUpperCase(), price: 1500, status: "archived" });
      const product = await seedProduct(repos(), { status: "draft", taxClass: "reduced", variants: [stockedVariant] }, 7);
      await repos().products.save({ ...product, variants: [stockedVariant, bareVariant] });
      await repos().inventory.applyDelta(stockedVariant.sku, { onHand: 0, reserved: 2 });

      const found = await repos().inventory.findForSale([stockedVariant.sku, bareVariant.sku, stockedVariant.sku, "NO-SUCH-SKU"]);
      const summary = { id: product.id, slug: product.slug, name: product.name, status: "draft", taxClass: "reduced" };
      expect(found).toEqual([
        { sku: bareVariant.sku, price: 1500, options: bareVariant.options, variantStatus: "archived", product: summary, level: null },
        {
          sku: stockedVariant.sku,
          price: 2500,
          options: { size: "L" },
          variantStatus: "active",
          product: summary,
          level: { sku: stockedVariant.sku, onHand: 7, reserved: 2, lowStockThreshold: 5 },
        },
      ]);
      expect(await repos().inventory.findForSale([])).toEqual([]);
    });

    it("applies a delta that keeps 0 <= reserved <= onHand and returns the new level", async () => {
      const sku = await stocked(10);
      expect(await repos().inventory.applyDelta(sku, { onHand: 0, reserved: 4 })).toMatchObject({ sku, onHand: 10, reserved: 4 });
      expect(await repos().inventory.applyDelta(sku, { onHand: -4, reserved: -4 })).toMatchObject({ onHand: 6, reserved: 0 });
      expect(await repos().inventory.findManyBySkus([sku])).toEqual([{ sku, onHand: 6, reserved: 0, lowStockThreshold: 5 }]);
    });

    it("refuses a delta that would break the invariant and leaves the level unchanged", async () => {
      const sku = await stocked(5);
      await repos().inventory.applyDelta(sku, { onHand: 0, reserved: 3 });
      expect(await repos().inventory.applyDelta(sku, { onHand: 0, reserved: 3 })).toBeNull(); // reserved > onHand
      expect(await repos().inventory.applyDelta(sku, { onHand: 0, reserved: -4 })).toBeNull(); // reserved < 0
      expect(await repos().inventory.applyDelta(sku, { onHand: -3, reserved: 0 })).toBeNull(); // onHand below reserved
      expect(await repos().inventory.applyDelta(sku, { onHand: -6, reserved: -3 })).toBeNull(); // onHand < 0
      expect(await repos().inventory.applyDelta("NO-SUCH-SKU", { onHand: 1, reserved: 0 })).toBeNull();
      expect(await repos().inventory.findManyBySkus([sku])).toEqual([{ sku, onHand: 5, reserved: 3, lowStockThreshold: 5 }]);
    });

    it("never oversells under concurrent reservations", async () => {
      const sku = await stocked(5);
      const attempts = await Promise.all(Array.from({ length: 12 }, () => repos().inventory.applyDelta(sku, { onHand: 0, reserved: 1 })));
      expect(attempts.filter((level) => level !== null)).toHaveLength(5);
      expect(await repos().inventory.findManyBySkus([sku])).toEqual([{ sku, onHand: 5, reserved: 5, lowStockThreshold: 5 }]);
    });

    it("ensures many levels at once: missing ones at zero, existing ones only get their threshold", async () => {
      const product = await seedProduct(repos(), { variants: [aVariant(), aVariant()] });
      const [kept, added] = product.variants.map((v) => v.sku) as [string, string];
      await repos().inventory.ensure(kept, 1);
      await repos().inventory.applyDelta(kept, { onHand: 7, reserved: 2 });
      await repos().inventory.ensureMany([
        { sku: kept, lowStockThreshold: 4 },
        { sku: added, lowStockThreshold: 6 },
      ]);
      expect(await repos().inventory.findManyBySkus([kept, added])).toEqual(
        [
          { sku: kept, onHand: 7, reserved: 2, lowStockThreshold: 4 },
          { sku: added, onHand: 0, reserved: 0, lowStockThreshold: 6 },
        ].sort((a, b) => (a.sku < b.sku ? -1 : 1)),
      );
      await repos().inventory.ensureMany([]);
    });

    it("applies many deltas at once, each refused on its own when it would break the invariant", async () => {
      const a = await stocked(10);
      const b = await stocked(5);
      await repos().inventory.applyDelta(b, { onHand: 0, reserved: 3 });
      const c = await stocked(0);
      const results = await repos().inventory.applyDeltas([
        { sku: c, delta: { onHand: 4, reserved: 0 } },
        { sku: b, delta: { onHand: -3, reserved: 0 } }, // onHand 2 would fall below the 3 reserved
        { sku: "NO-SUCH-SKU", delta: { onHand: 1, reserved: 0 } },
        { sku: a, delta: { onHand: -6, reserved: 1 } },
      ]);
      expect(results).toEqual([
        { sku: c, onHand: 4, reserved: 0, lowStockThreshold: 5 },
        null,
        null,
        { sku: a, onHand: 4, reserved: 1, lowStockThreshold: 5 },
      ]);
      expect(await repos().inventory.findManyBySkus([b])).toEqual([{ sku: b, onHand: 5, reserved: 3, lowStockThreshold: 5 }]);
      expect(await repos().inventory.applyDeltas([])).toEqual([]);
    });

    it("inserts many movements at once, and refuses them for a SKU without a stock level", async () => {
      const sku = await stocked(0);
      const movement = (delta: number, other = sku): StockMovement => ({
        id: uid("mov"),
        sku: other,
        delta,
        reason: "import",
        actor: "admin-1",
        note: `import row ${delta}`,
        orderId: null,
        at: at(delta),
      });
      const movements = [movement(1), movement(2), movement(3)];
      await repos().inventory.insertMovements(movements);
      expect((await repos().inventory.listMovements(sku, { limit: 10 })).items).toEqual([...movements].reverse());
      await expect(repos().inventory.insertMovements([movement(4), movement(5, "NO-SUCH-SKU")])).rejects.toThrow();
      await repos().inventory.insertMovements([]);
    });

    it("records movements and lists them newest first, page by page", async () => {
      const sku = await stocked(0);
      const movements: StockMovement[] = Array.from({ length: 5 }, (_, i) => ({
        id: uid("mov"),
        sku,
        delta: i + 1,
        reason: i === 0 ? "import" : "adjustment",
        actor: "admin-1",
        note: i === 2 ? "recount" : null,
        orderId: null,
        at: at(i === 4 ? 3 : i),
      }));
      for (const movement of movements) await repos().inventory.insertMovement(movement);

      const pages = await collectPages((cursor) => repos().inventory.listMovements(sku, { limit: 2, cursor }));
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      const listed = pages.flat();
      expect(listed.map((m) => m.at.getTime())).toEqual([...listed.map((m) => m.at.getTime())].sort((a, b) => b - a));
      expect([...listed].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...movements].sort((a, b) => a.id.localeCompare(b.id)));
      expect((await repos().inventory.listMovements(uid("other"), { limit: 5 })).items).toEqual([]);
    });

    it("refuses a movement for a SKU without a stock level", async () => {
      const movement: StockMovement = {
        id: uid("mov"),
        sku: "NO-SUCH-SKU",
        delta: 1,
        reason: "adjustment",
        actor: "a",
        note: null,
        orderId: null,
        at: at(),
      };
      await expect(repos().inventory.insertMovement(movement)).rejects.toThrow();
    });

    it("lists low levels (available <= threshold) in SKU order", async () => {
      const low = await stocked(3, 5);
      const boundary = await stocked(5, 5);
      const plenty = await stocked(50, 5);
      const reservedDown = await stocked(10, 5);
      await repos().inventory.applyDelta(reservedDown, { onHand: 0, reserved: 6 });

      const listed = (await collectPages((cursor) => repos().inventory.listLow({ limit: 2, cursor }))).flat().map((l) => l.sku);
      expect(listed).toEqual(expect.arrayContaining([low, boundary, reservedDown]));
      expect(listed).not.toContain(plenty);
      expect(listed).toEqual([...listed].sort());
      expect(new Set(listed).size).toBe(listed.length);
    });

    it("round-trips a reservation with its lines in order", async () => {
      const a = await stocked(5);
      const b = await stocked(5);
      const reservation = aReservation([
        { sku: a, quantity: 2 },
        { sku: b, quantity: 1 },
      ]);
      await repos().inventory.insertReservation(reservation);
      expect(await repos().inventory.findReservationById(reservation.id)).toEqual(reservation);
      expect(await repos().inventory.findReservationById(uid("missing"))).toBeNull();
    });

    it("moves a reservation's status for exactly one caller (compare-and-set)", async () => {
      const sku = await stocked(5);
      const reservation = aReservation([{ sku, quantity: 1 }]);
      await repos().inventory.insertReservation(reservation);

      const results = await Promise.all([
        repos().inventory.updateReservationStatus(reservation.id, "active", "committed"),
        repos().inventory.updateReservationStatus(reservation.id, "active", "expired"),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await repos().inventory.updateReservationStatus(reservation.id, "active", "released")).toBe(false);
      expect(await repos().inventory.updateReservationStatus(uid("missing"), "active", "released")).toBe(false);
      const stored = await repos().inventory.findReservationById(reservation.id);
      expect(stored?.status).toBe(results[0] ? "committed" : "expired");
    });

    it("finds active reservations past their expiry, oldest first, up to a limit", async () => {
      const sku = await stocked(10);
      // Far in the past, so no reservation of another test is older.
      const past = (minutes: number) => new Date(Date.UTC(1990, 0, 1) + minutes * 60_000);
      const oldest = aReservation([{ sku, quantity: 1 }], { expiresAt: past(1), createdAt: past(0) });
      const older = aReservation([{ sku, quantity: 1 }], { expiresAt: past(2), createdAt: past(0) });
      const released = aReservation([{ sku, quantity: 1 }], { status: "released", expiresAt: past(0), createdAt: past(0) });
      const notYet = aReservation([{ sku, quantity: 1 }], { expiresAt: past(60), createdAt: past(0) });
      for (const r of [notYet, older, released, oldest]) await repos().inventory.insertReservation(r);

      expect(await repos().inventory.findExpiredReservationIds(past(2), 10)).toEqual([oldest.id, older.id]);
      expect(await repos().inventory.findExpiredReservationIds(past(2), 1)).toEqual([oldest.id]);
      expect(await repos().inventory.findExpiredReservationIds(past(0), 10)).toEqual([]);
    });
  });
}
