import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { placeOrder, stockOf } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
});
afterAll(() => t.close());

const admin = (method: string, path: string, body?: unknown) => t.json(method, `/v1/admin${path}`, { token, body });
const fieldPaths = (body: { errors: { path: string }[] }) => body.errors.map((error) => error.path);

describe("POST /v1/admin/inventory/{sku}/adjust", () => {
  it("adds units with a reason and books the movement", async () => {
    const before = await stockOf(t, "LAMP-BRASS");
    const res = await admin("POST", "/inventory/LAMP-BRASS/adjust", { delta: 10, reason: "restock", note: "supplier delivery" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sku: "LAMP-BRASS",
      onHand: before.onHand + 10,
      reserved: 0,
      available: before.onHand + 10,
      lowStockThreshold: 5,
      lowStock: false,
    });
    const movements = await t.container.get(Tokens.Repositories).inventory.listMovements("LAMP-BRASS", { limit: 1 });
    expect(movements.items[0]).toMatchObject({ delta: 10, reason: "restock", note: "supplier delivery" });
  });

  it("removes units", async () => {
    const before = await stockOf(t, "EARBUDS-TRAVEL");
    const res = await admin("POST", "/inventory/EARBUDS-TRAVEL/adjust", { delta: -4, reason: "adjustment" });
    expect(res.status).toBe(200);
    expect(res.body.onHand).toBe(before.onHand - 4);
  });

  it("refuses sale as a reason, a zero delta and unknown fields (422)", async () => {
    const sale = await admin("POST", "/inventory/LAMP-BRASS/adjust", { delta: -1, reason: "sale" });
    expect(sale.status).toBe(422);
    expect(fieldPaths(sale.body)).toEqual(["reason"]);
    const zero = await admin("POST", "/inventory/LAMP-BRASS/adjust", { delta: 0, reason: "adjustment" });
    expect(zero.status).toBe(422);
    expect(fieldPaths(zero.body)).toEqual(["delta"]);
    const unknown = await admin("POST", "/inventory/LAMP-BRASS/adjust", { delta: 1, reason: "adjustment", reserved: 0 });
    expect(unknown.status).toBe(422);
    expect(fieldPaths(unknown.body)).toEqual(["reserved"]);
  });

  it("never takes on hand below what checkouts hold (422)", async () => {
    await placeOrder(t, [{ sku: "SOFA-OAK-3", quantity: 2 }], { pay: false });
    expect(await stockOf(t, "SOFA-OAK-3")).toEqual({ onHand: 2, reserved: 2 });
    const res = await admin("POST", "/inventory/SOFA-OAK-3/adjust", { delta: -1, reason: "adjustment" });
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(["delta"]);
    expect(await stockOf(t, "SOFA-OAK-3")).toEqual({ onHand: 2, reserved: 2 });
  });

  it("is 404 for a SKU no product has", async () => {
    const res = await admin("POST", "/inventory/NO-SUCH-SKU/adjust", { delta: 1, reason: "import" });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("inventory.not_found");
  });
});

describe("GET /v1/admin/inventory?lowStock=true", () => {
  it("lists the SKUs at or below their threshold", async () => {
    const res = await admin("GET", "/inventory?lowStock=true&limit=100");
    expect(res.status).toBe(200);
    const skus = res.body.items.map((level: { sku: string }) => level.sku);
    expect(skus).toEqual(expect.arrayContaining(["SPEAKER-BT", "TEE-RED-M"]));
    expect(skus).not.toContain("TEE-BLUE-M");
    expect(res.body.items.find((level: { sku: string }) => level.sku === "SPEAKER-BT")).toEqual({
      sku: "SPEAKER-BT",
      onHand: 3,
      reserved: 0,
      available: 3,
      lowStockThreshold: 5,
      lowStock: true,
    });
    expect(res.body.items.every((level: { lowStock: boolean }) => level.lowStock)).toBe(true);
  });

  it("pages by SKU", async () => {
    const first = await admin("GET", "/inventory?limit=1");
    expect(first.body.items).toHaveLength(1);
    const second = await admin("GET", `/inventory?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].sku > first.body.items[0].sku).toBe(true);
  });

  it("answers 422 for lowStock=false (only the low-stock listing exists) and 400 for a bad cursor", async () => {
    expect((await admin("GET", "/inventory?lowStock=false")).status).toBe(422);
    expect((await admin("GET", "/inventory?cursor=bm90LWEtY3Vyc29y")).status).toBe(400);
  });
});
