import { SYSTEM_ACTOR } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../../test-support/test-app.js";
import { placeOrder } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
});
afterAll(() => t.close());

const lowStockMails = async () => {
  const res = await t.json("GET", "/v1/admin/mailbox?limit=100", { token });
  return res.body.items.filter((m: { template: string }) => m.template === "low_stock");
};

// The existing path (OrderNotifications on stock.low, DESIGN §7), checked end to end rather than built again.
describe("low-stock alerts", () => {
  it("mail every active admin once when a checkout takes a SKU down to its threshold", async () => {
    const ops = await t.container.useCase("CreateAdmin").execute({ email: "ops@example.com", password: TEST_PASSWORD, name: "Ops" });
    const gone = await t.container.useCase("CreateAdmin").execute({ email: "gone@example.com", password: TEST_PASSWORD, name: "Gone" });
    if (!ops.ok || !gone.ok) throw new Error("admins not created");
    await t.container.useCase("UpdateCustomerAdmin").execute({ actor: SYSTEM_ACTOR, customerId: gone.value.customer.id, disabled: true });

    // LINEN-SAND-M: 12 on hand, threshold 5. Taking 6 leaves 6: no alert; one more leaves 5: the alert.
    await placeOrder(t, [{ sku: "LINEN-SAND-M", quantity: 6 }]);
    await t.drain();
    expect(await lowStockMails()).toEqual([]);
    const { customer } = await placeOrder(t, [{ sku: "LINEN-SAND-M", quantity: 1 }]);
    await t.drain();

    const mails = await lowStockMails();
    expect(mails.map((m: { to: string }) => m.to).sort()).toEqual(["admin@example.com", "ops@example.com"]);
    expect(mails[0].data).toMatchObject({ sku: "LINEN-SAND-M", available: 5 });
    expect(mails.map((m: { to: string }) => m.to)).not.toContain(customer.email);

    // Further sales below the threshold do not alert again: only the crossing does.
    await placeOrder(t, [{ sku: "LINEN-SAND-M", quantity: 1 }]);
    await t.drain();
    expect(await lowStockMails()).toHaveLength(2);
    // And the inventory report flags the SKU.
    const report = await t.json("GET", "/v1/admin/reports/inventory?lowStock=true&limit=100", { token });
    expect(report.body.items.map((s: { sku: string }) => s.sku)).toContain("LINEN-SAND-M");
  });
});
