import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { placeOrder } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
});
afterAll(() => t.close());

const mailbox = (query = "") => t.json("GET", `/v1/admin/mailbox${query}`, { token });

describe("GET /v1/admin/mailbox", () => {
  it("shows the messages the notifier sent, newest first", async () => {
    const { order, customer } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    await t.drain();
    const res = await mailbox();
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      id: expect.any(String),
      to: customer.email,
      template: "order_confirmation",
      subject: expect.stringContaining(order.number),
      data: { orderNumber: order.number },
    });
    expect(Date.parse(res.body.items[0].createdAt)).not.toBeNaN();
  });

  it("redacts password reset tokens, which belong to the customer alone", async () => {
    const { email } = await t.registerCustomer();
    await t.container.useCase("RequestPasswordReset").execute({ email });
    await t.drain();
    const stored = (await t.container.get(Tokens.Mailbox).list({ limit: 100 })).items.find(
      (m) => m.to === email && m.template === "password_reset",
    );
    const token_ = String(stored?.data["token"]);
    expect(token_.length).toBeGreaterThan(10);

    const res = await mailbox("?limit=100");
    const reset = res.body.items.find((m: { to: string; template: string }) => m.to === email && m.template === "password_reset");
    expect(reset.data).toMatchObject({
      token: "[redacted]",
      resetUrl: expect.stringMatching(/password-reset\?token=\[redacted\]$/),
      expiresInMinutes: expect.any(Number),
    });
    expect(JSON.stringify(res.body)).not.toContain(token_);
  });

  it("pages, and refuses a bad cursor (400)", async () => {
    const first = await mailbox("?limit=1");
    expect(first.body.items).toHaveLength(1);
    const second = await mailbox(`?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const bad = await mailbox("?cursor=bm90LWEtY3Vyc29y");
    expect(bad.status).toBe(400);
  });
});
