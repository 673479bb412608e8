import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { placeOrder } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
  adminId = (await t.json("GET", "/v1/me", { token })).body.id;
});
afterAll(() => t.close());

const admin = (method: string, path: string, body?: unknown, requestId?: string) =>
  t.json(method, `/v1/admin${path}`, { token, body, headers: requestId === undefined ? {} : { "X-Request-Id": requestId } });
const auditOf = async (query: string) => (await admin("GET", `/audit-log?${query}`)).body.items;

describe("GET /v1/admin/audit-log", () => {
  it("records each admin mutation with its actor and request id, newest first", async () => {
    const { order } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    const created = await admin(
      "POST",
      "/products",
      { name: "Audited Tote", variants: [{ sku: "AUDIT-1", price: { amount: 900, currency: "USD" } }] },
      "req-audit-product",
    );
    await admin("PATCH", `/products/${created.body.id}`, { featured: true }, "req-audit-patch");
    await admin("POST", "/inventory/LAMP-BRASS/adjust", { delta: 5, reason: "restock" }, "req-audit-stock");
    await admin("POST", `/orders/${order.id}/ship`, { trackingNumber: "TRACK-AUDIT" }, "req-audit-ship");
    await admin("POST", "/categories", { name: "Audited Category" }, "req-audit-category");
    await admin("POST", "/promotions", { code: "AUDITED", kind: "free_shipping" }, "req-audit-promotion");

    const res = await admin("GET", "/audit-log?limit=6");
    expect(res.status).toBe(200);
    expect(res.body.items.map((entry: { action: string; requestId: string }) => [entry.action, entry.requestId])).toEqual([
      ["promotion.create", "req-audit-promotion"],
      ["category.create", "req-audit-category"],
      ["order.ship", "req-audit-ship"],
      ["inventory.adjust", "req-audit-stock"],
      ["product.update", "req-audit-patch"],
      ["product.create", "req-audit-product"],
    ]);
    expect(res.body.items.every((entry: { actor: string }) => entry.actor === adminId)).toBe(true);
    const ship = res.body.items[2];
    expect(ship).toMatchObject({
      entityType: "order",
      entityId: order.id,
      before: { status: "paid", trackingNumber: null },
      after: { status: "shipped", trackingNumber: "TRACK-AUDIT" },
    });
    expect(Date.parse(ship.at)).not.toBeNaN();
  });

  it("filters by action, entity and actor", async () => {
    const created = await admin("POST", "/products", {
      name: "Filtered Tote",
      variants: [{ sku: "FILTER-1", price: { amount: 900, currency: "USD" } }],
    });
    await admin("DELETE", `/products/${created.body.id}`, undefined, "req-audit-archive");
    const byEntity = await auditOf(`entityType=product&entityId=${created.body.id}`);
    expect(byEntity.map((entry: { action: string }) => entry.action)).toEqual(["product.archive", "product.create"]);
    const byAction = await auditOf(`action=product.archive&entityId=${created.body.id}`);
    expect(byAction).toEqual([expect.objectContaining({ requestId: "req-audit-archive", after: { status: "archived" } })]);
    expect(await auditOf("actor=nobody")).toEqual([]);
    const system = await auditOf("actor=system&limit=100");
    expect(system.length).toBeGreaterThan(0);
    expect(system.every((entry: { actor: string }) => entry.actor === "system")).toBe(true);
  });

  it("pages with a cursor, and refuses a bad one (400)", async () => {
    const first = await admin("GET", "/audit-log?limit=2");
    expect(first.body.items).toHaveLength(2);
    const second = await admin("GET", `/audit-log?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((entry: { id: string }) => entry.id);
    expect(new Set(ids).size).toBe(4);
    const bad = await admin("GET", "/audit-log?cursor=bm90LWEtY3Vyc29y");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("request.malformed");
  });
});
