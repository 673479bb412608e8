import { Tokens } from "@emporium/adapters";
import { MAX_CART_LINES, SYSTEM_ACTOR, type ProductRow } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_COUPONS } from "../test-support/test-catalog.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const usd = (amount: number) => ({ amount, currency: "USD" });
const guestHeaders = (cartToken: string) => ({ "X-Cart-Token": cartToken });
const skus = (cart: { lines: { sku: string; quantity: number }[] }) => cart.lines.map((line) => [line.sku, line.quantity]);

/** A guest cart holding `quantity` of `sku`; returns its token. */
async function guestCart(sku = "TEE-BLUE-M", quantity = 1): Promise<string> {
  const res = await t.json("POST", "/v1/cart/items", { body: { sku, quantity } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

describe("GET /v1/cart", () => {
  it("answers an empty cart to a guest without a token, creating none", async () => {
    const res = await t.json("GET", "/v1/cart");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: null, token: null, lines: [], coupon: null, totals: { subtotal: usd(0), total: usd(0) } });
    expect(res.headers.get("X-Cart-Token")).toBeNull();
  });

  it("answers an empty cart for a token that names no cart", async () => {
    const res = await t.json("GET", "/v1/cart", { headers: guestHeaders("no-such-cart") });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: null, lines: [] });
  });

  it("refuses a forged bearer token (401) rather than treating the caller as a guest", async () => {
    const res = await t.json("GET", "/v1/cart", { token: "not.a.token" });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("auth.unauthenticated");
  });

  it("refuses an over-long cart token (422)", async () => {
    const res = await t.json("GET", "/v1/cart", { headers: guestHeaders("x".repeat(300)) });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("header.x-cart-token");
  });
});

describe("POST /v1/cart/items", () => {
  it("starts a guest cart and hands its token back in the header and the body", async () => {
    const res = await t.json("POST", "/v1/cart/items", { body: { sku: "TEE-BLUE-M", quantity: 2 } });
    expect(res.status).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.headers.get("X-Cart-Token")).toBe(res.body.token);
    expect(res.body.lines).toEqual([
      {
        sku: "TEE-BLUE-M",
        productSlug: "classic-tee",
        name: "Classic Tee",
        options: { colour: "blue", size: "M" },
        quantity: 2,
        unitPrice: usd(1999),
        subtotal: usd(3998),
        discount: usd(0),
        tax: usd(0),
        total: usd(3998),
        available: 50,
        inStock: true,
      },
    ]);
    // Below the free-shipping threshold of 50.00, shipping is the flat 5.00.
    expect(res.body.totals).toEqual({ subtotal: usd(3998), discount: usd(0), tax: usd(0), shipping: usd(500), total: usd(4498) });
  });

  it("adds to the guest cart named by the token, summing a SKU's units", async () => {
    const token = await guestCart("TEE-BLUE-M", 1);
    await t.json("POST", "/v1/cart/items", { body: { sku: "TEE-BLUE-M", quantity: 2 }, headers: guestHeaders(token) });
    const res = await t.json("POST", "/v1/cart/items", { body: { sku: "LAMP-BRASS", quantity: 1 }, headers: guestHeaders(token) });
    expect(res.body.token).toBe(token);
    expect(skus(res.body)).toEqual([
      ["TEE-BLUE-M", 3],
      ["LAMP-BRASS", 1],
    ]);
    const read = await t.json("GET", "/v1/cart", { headers: guestHeaders(token) });
    expect(skus(read.body)).toEqual(skus(res.body));
  });

  it("keeps a signed-in customer's cart apart from guest carts, ignoring a token header", async () => {
    const { accessToken } = await t.registerCustomer();
    const guestToken = await guestCart("LAMP-BRASS", 1);
    const res = await t.json("POST", "/v1/cart/items", {
      token: accessToken,
      body: { sku: "EARBUDS-TRAVEL", quantity: 1 },
      headers: guestHeaders(guestToken),
    });
    expect(res.status).toBe(200);
    expect(res.body.token).toBeNull();
    expect(res.headers.get("X-Cart-Token")).toBeNull();
    expect(skus(res.body)).toEqual([["EARBUDS-TRAVEL", 1]]);
    const guest = await t.json("GET", "/v1/cart", { headers: guestHeaders(guestToken) });
    expect(skus(guest.body)).toEqual([["LAMP-BRASS", 1]]);
  });

  it("answers 404 variant.not_found for unknown, draft and archived SKUs", async () => {
    for (const sku of ["NO-SUCH-SKU", "JACKET-DRAFT", "MUG-RETIRED"]) {
      const res = await t.json("POST", "/v1/cart/items", { body: { sku, quantity: 1 } });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("variant.not_found");
    }
  });

  it("answers 409 stock.insufficient naming the SKU, and leaves the cart as it was", async () => {
    const token = await guestCart("SPEAKER-BT", 2);
    const res = await t.json("POST", "/v1/cart/items", { body: { sku: "SPEAKER-BT", quantity: 2 }, headers: guestHeaders(token) });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "stock.insufficient", skus: [{ sku: "SPEAKER-BT", requested: 4, available: 3 }] });
    const read = await t.json("GET", "/v1/cart", { headers: guestHeaders(token) });
    expect(skus(read.body)).toEqual([["SPEAKER-BT", 2]]);
  });

  it("answers 422 cart.quantity_out_of_range below 1 and above 999", async () => {
    for (const quantity of [0, -1, 1000]) {
      const res = await t.json("POST", "/v1/cart/items", { body: { sku: "TEE-BLUE-M", quantity } });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe("cart.quantity_out_of_range");
    }
  });

  it("answers 422 cart.too_many_lines for a 101st line", async () => {
    const rows: ProductRow[] = Array.from({ length: MAX_CART_LINES + 1 }, (_, i) => ({
      rowNumber: i + 1,
      sku: `BULK-${i}`,
      product: "bulk-pack",
      name: "Bulk Pack",
      categoryPaths: [["Home", "Bulk"]],
      price: 100,
      stock: 10,
      options: { number: String(i) },
      attributes: {},
      images: [],
    }));
    const imported = await t.container.useCase("ImportProducts").execute({ actor: SYSTEM_ACTOR, rows });
    expect(imported.ok).toBe(true);
    const { customer, accessToken } = await t.registerCustomer();
    const now = new Date();
    await t.container.get(Tokens.Repositories).carts.save({
      id: `cart-${customer.id}`,
      customerId: customer.id,
      token: null,
      lines: rows.slice(0, MAX_CART_LINES).map((row) => ({ sku: row.sku, quantity: 1 })),
      couponCode: null,
      createdAt: now,
      updatedAt: now,
    });
    const res = await t.json("POST", "/v1/cart/items", { token: accessToken, body: { sku: `BULK-${MAX_CART_LINES}`, quantity: 1 } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("cart.too_many_lines");
  });

  it.each([
    ["a price", { sku: "TEE-BLUE-M", quantity: 1, price: 1 }, ["price"]],
    ["a unit price", { sku: "TEE-BLUE-M", quantity: 1, unitPrice: { amount: 1, currency: "USD" } }, ["unitPrice"]],
    ["a quantity as text", { sku: "TEE-BLUE-M", quantity: "2" }, ["quantity"]],
    ["no SKU", { quantity: 1 }, ["sku"]],
  ])("refuses %s (422) and changes nothing", async (_what, body, paths) => {
    const token = await guestCart("TEE-BLUE-M", 1);
    const res = await t.json("POST", "/v1/cart/items", { body, headers: guestHeaders(token) });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    const read = await t.json("GET", "/v1/cart", { headers: guestHeaders(token) });
    expect(read.body.lines[0]).toMatchObject({ quantity: 1, unitPrice: usd(1999) });
  });
});

describe("PATCH /v1/cart/items/{sku}", () => {
  it("sets the quantity of a line", async () => {
    const token = await guestCart("TEE-BLUE-M", 1);
    const res = await t.json("PATCH", "/v1/cart/items/TEE-BLUE-M", { body: { quantity: 5 }, headers: guestHeaders(token) });
    expect(res.status).toBe(200);
    expect(res.body.lines[0]).toMatchObject({ sku: "TEE-BLUE-M", quantity: 5, subtotal: usd(9995) });
    expect(res.headers.get("X-Cart-Token")).toBe(token);
  });

  it("answers 404 cart_item.not_found for a SKU not in the cart, or without a cart", async () => {
    const token = await guestCart("TEE-BLUE-M", 1);
    const missingLine = await t.json("PATCH", "/v1/cart/items/LAMP-BRASS", { body: { quantity: 1 }, headers: guestHeaders(token) });
    expect(missingLine.status).toBe(404);
    expect(missingLine.body.code).toBe("cart_item.not_found");
    const noCart = await t.json("PATCH", "/v1/cart/items/LAMP-BRASS", { body: { quantity: 1 } });
    expect(noCart.status).toBe(404);
    expect(noCart.body.code).toBe("cart_item.not_found");
  });

  it("answers 409 stock.insufficient beyond what is available", async () => {
    const token = await guestCart("TEE-BLUE-M", 1);
    const res = await t.json("PATCH", "/v1/cart/items/TEE-BLUE-M", { body: { quantity: 51 }, headers: guestHeaders(token) });
    expect(res.status).toBe(409);
    expect(res.body.skus).toEqual([{ sku: "TEE-BLUE-M", requested: 51, available: 50 }]);
  });

  it("answers 422 for a quantity out of range or an extra field", async () => {
    const token = await guestCart("TEE-BLUE-M", 1);
    const zero = await t.json("PATCH", "/v1/cart/items/TEE-BLUE-M", { body: { quantity: 0 }, headers: guestHeaders(token) });
    expect(zero.status).toBe(422);
    expect(zero.body.code).toBe("cart.quantity_out_of_range");
    const extra = await t.json("PATCH", "/v1/cart/items/TEE-BLUE-M", { body: { quantity: 2, price: 1 }, headers: guestHeaders(token) });
    expect(extra.status).toBe(422);
    expect(extra.body.code).toBe("request.invalid");
  });
});

describe("DELETE /v1/cart/items/{sku}", () => {
  it("removes the line", async () => {
    const token = await guestCart("TEE-BLUE-M", 1);
    await t.json("POST", "/v1/cart/items", { body: { sku: "LAMP-BRASS", quantity: 1 }, headers: guestHeaders(token) });
    const res = await t.json("DELETE", "/v1/cart/items/TEE-BLUE-M", { headers: guestHeaders(token) });
    expect(res.status).toBe(200);
    expect(skus(res.body)).toEqual([["LAMP-BRASS", 1]]);
  });

  it("answers 404 cart_item.not_found for a line not in the cart", async () => {
    const token = await guestCart("TEE-BLUE-M", 1);
    const res = await t.json("DELETE", "/v1/cart/items/LAMP-BRASS", { headers: guestHeaders(token) });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("cart_item.not_found");
  });
});

describe("POST and DELETE /v1/cart/coupon", () => {
  it("applies a coupon to the totals, and takes it off again", async () => {
    const { accessToken } = await t.registerCustomer();
    await t.json("POST", "/v1/cart/items", { token: accessToken, body: { sku: "LINEN-SAND-M", quantity: 1 } });
    const applied = await t.json("POST", "/v1/cart/coupon", { token: accessToken, body: { code: TEST_COUPONS.percentOff.toLowerCase() } });
    expect(applied.status).toBe(200);
    expect(applied.body.coupon).toEqual({ code: TEST_COUPONS.percentOff, applied: true, reason: null, message: null });
    expect(applied.body.totals).toMatchObject({ subtotal: usd(4999), discount: usd(500) });

    const removed = await t.json("DELETE", "/v1/cart/coupon", { token: accessToken });
    expect(removed.status).toBe(200);
    expect(removed.body.coupon).toBeNull();
    expect(removed.body.totals.discount).toEqual(usd(0));
  });

  it("answers 422 promotion.not_applicable with the reason for an unknown code", async () => {
    const token = await guestCart("TEE-BLUE-M", 1);
    const res = await t.json("POST", "/v1/cart/coupon", { body: { code: "NOPE" }, headers: guestHeaders(token) });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "promotion.not_applicable", reason: "unknown" });
    const read = await t.json("GET", "/v1/cart", { headers: guestHeaders(token) });
    expect(read.body.coupon).toBeNull();
  });

  it("answers 422 request.invalid without a code", async () => {
    const res = await t.json("POST", "/v1/cart/coupon", { body: { code: "" } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("request.invalid");
  });
});
