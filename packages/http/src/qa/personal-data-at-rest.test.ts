import { statSync } from "node:fs";
import { localDataKeyPath, parseDatabaseUrl, Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type RegisteredCustomer, type TestApp } from "../test-support/test-app.js";

const PHONE = "+44 20 7946 0321";
const HOME = { name: "Ada Lovelace", line1: "12 Marylebone Road", city: "Westminster", postalCode: "NW1 5LR", country: "GB" };
const SHIP_TO = {
  name: "Ada Lovelace",
  line1: "7 Ockham Lane",
  city: "Surrey",
  postalCode: "KT11 3AA",
  country: "GB",
  phone: "+44 1932 000111",
};
// Any fragment of the personal data above, in any column of any row.
const PLAINTEXT = /7946|Marylebone|NW1 5LR|Westminster|Ockham|KT11|Surrey|1932/;

let t: TestApp;
let ada: RegisteredCustomer;
let orderId: string;
beforeAll(async () => {
  t = await createTestApp();
  ada = await t.registerCustomer("ada@example.com", "Ada");
  expect((await t.json("PATCH", "/v1/me", { token: ada.accessToken, body: { phone: PHONE, addresses: [HOME] } })).status).toBe(200);
  await t.json("POST", "/v1/cart/items", { token: ada.accessToken, body: { sku: "LAMP-BRASS", quantity: 1 } });
  const order = await t.json("POST", "/v1/checkout", {
    token: ada.accessToken,
    body: { shippingAddress: SHIP_TO },
    headers: { "Idempotency-Key": "at-rest-checkout" },
  });
  expect(order.status).toBe(201);
  orderId = order.body.id;
});
afterAll(() => t.close());

describe("personal data at rest", () => {
  it("keeps no phone number or address in plain text in the database", async () => {
    const db = t.container.get(Tokens.Database).db;
    const customer = await db.selectFrom("customers").selectAll().where("id", "=", ada.customer.id).executeTakeFirstOrThrow();
    const order = await db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirstOrThrow();
    expect(customer.phone).toMatch(/^v1:[\w-]+:/);
    expect(customer.addresses).toMatch(/^v1:[\w-]+:/);
    expect(order.shipping_address).toMatch(/^v1:[\w-]+:/);
    expect(JSON.stringify(customer)).not.toMatch(PLAINTEXT);
    expect(JSON.stringify(order)).not.toMatch(PLAINTEXT);
  });

  it("keeps the generated key beside the database file, readable by its owner only", () => {
    const target = parseDatabaseUrl(t.databaseUrl);
    if (target.dialect !== "sqlite") throw new Error("the test app runs on SQLite");
    expect(statSync(localDataKeyPath(target.filename)).mode & 0o777).toBe(0o600);
  });

  it("gives the data back in the clear to its owner and to an admin, and to nobody else", async () => {
    const me = await t.json("GET", "/v1/me", { token: ada.accessToken });
    expect(me.body).toMatchObject({ phone: PHONE, addresses: [HOME] });
    expect((await t.json("GET", `/v1/orders/${orderId}`, { token: ada.accessToken })).body.shippingAddress).toMatchObject(SHIP_TO);

    const admin = await t.adminToken();
    expect((await t.json("GET", `/v1/admin/orders/${orderId}`, { token: admin })).body.shippingAddress).toMatchObject(SHIP_TO);
    const customers = (await t.json("GET", "/v1/admin/customers?limit=100", { token: admin })).body.items;
    expect(customers.find((c: { id: string }) => c.id === ada.customer.id)).toMatchObject({ phone: PHONE });

    const grace = await t.registerCustomer("grace@example.com", "Grace");
    const other = await t.json("GET", `/v1/orders/${orderId}`, { token: grace.accessToken });
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toMatch(PLAINTEXT);
  });
});
