import type { AuditEntry } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { at, collectPages, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function auditLogContract(create: CreateHarness): void {
  describe("AuditLog", () => {
    const store = useHarness(create);
    const audit = () => store().repos.audit;

    const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
      id: uid("aud"),
      actor: "admin-1",
      action: "product.update",
      entityType: "product",
      entityId: uid("prod"),
      before: { name: "Old", price: 100 },
      after: { name: "New", price: 120 },
      requestId: uid("req"),
      at: at(),
      ...overrides,
    });

    it("round-trips entries with any JSON before and after", async () => {
      const entityId = uid("prod");
      const entries = [
        entry({ entityId, before: null, after: { nested: { list: [1, "two", true, null] } }, at: at(1) }),
        entry({ entityId, before: "a plain string", after: 42, requestId: null, at: at(2) }),
      ];
      for (const e of entries) await audit().append(e);
      expect((await audit().list({ entityId, limit: 10 })).items).toEqual([entries[1], entries[0]]);
    });

    it("appends many entries at once", async () => {
      const entityId = uid("prod");
      const entries = Array.from({ length: 3 }, (_, i) => entry({ entityId, action: "product.import", at: at(i) }));
      await audit().appendMany(entries);
      await audit().appendMany([]);
      expect((await audit().list({ entityId, limit: 10 })).items).toEqual([...entries].reverse());
    });

    it("lists newest first, page by page, every entry once", async () => {
      const actor = uid("admin");
      const entries = Array.from({ length: 5 }, (_, i) => entry({ actor, at: at(i % 2) }));
      for (const e of entries) await audit().append(e);
      const pages = await collectPages((cursor) => audit().list({ actor, limit: 2, cursor }));
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      const listed = pages.flat();
      expect(listed.map((e) => e.id).sort()).toEqual(entries.map((e) => e.id).sort());
      const times = listed.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it("filters by actor, entity and action", async () => {
      const actor = uid("admin");
      const entityId = uid("ord");
      const shipped = entry({ actor, entityType: "order", entityId, action: "order.ship" });
      const refunded = entry({ actor, entityType: "order", entityId, action: "order.refund", at: at(1) });
      const other = entry({ actor, entityType: "product" });
      for (const e of [shipped, refunded, other]) await audit().append(e);

      expect((await audit().list({ actor, entityType: "order", limit: 10 })).items.map((e) => e.id)).toEqual([refunded.id, shipped.id]);
      expect((await audit().list({ entityId, action: "order.ship", limit: 10 })).items).toEqual([shipped]);
      expect((await audit().list({ actor: uid("nobody"), limit: 10 })).items).toEqual([]);
    });
  });
}
