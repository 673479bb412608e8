import { Tokens } from "@emporium/adapters";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { placeOrder } from "./test-support/admin-fixtures.js";

/**
 * Walks every admin mutation route of the API document through the app and checks that each
 * left an audit entry naming the admin, the action, the entity, the change and its request id.
 * A new admin mutation route fails the first test until it is added here (and audited).
 */

// Admin operations that change no shop data: rebuilding the search index re-reads the catalogue.
const NOT_MUTATIONS = new Set(["POST /v1/admin/search/reindex"]);

interface Expected {
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  /** null for a creation; anything but undefined otherwise (default). */
  readonly before?: unknown;
  readonly after: unknown;
}

type Step = (
  send: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<unknown>,
) => Promise<Expected>;

let t: TestApp;
let token: string;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
  adminId = (await t.json("GET", "/v1/me", { token })).body.id;
});
afterAll(() => t.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
let productId = "";
let categoryId = "";
let shippedOrderId = "";
let reviewId = "";

/** One step per admin mutation route, in an order where each finds what it needs. */
const STEPS: Record<string, Step> = {
  "POST /v1/admin/products": async (send) => {
    const product: Json = await send("POST", "/products", {
      name: "Audit Walk Tote",
      variants: [{ sku: "WALK-1", options: { size: "S" }, price: { amount: 900, currency: "USD" } }],
    });
    productId = product.id;
    return {
      action: "product.create",
      entityType: "product",
      entityId: productId,
      after: expect.objectContaining({ name: "Audit Walk Tote" }),
    };
  },
  "PATCH /v1/admin/products/{id}": async (send) => {
    await send("PATCH", `/products/${productId}`, { name: "Audit Walk Bag" });
    return {
      action: "product.update",
      entityType: "product",
      entityId: productId,
      after: expect.objectContaining({ name: "Audit Walk Bag" }),
    };
  },
  "PUT /v1/admin/products/{id}/related": async (send) => {
    const related = (await t.json("GET", "/v1/products/oak-sofa")).body.id;
    await send("PUT", `/products/${productId}/related`, { productIds: [related] });
    return {
      action: "product.update",
      entityType: "product",
      entityId: productId,
      after: expect.objectContaining({ relatedProductIds: [related] }),
    };
  },
  "POST /v1/admin/products/{id}/variants": async (send) => {
    await send("POST", `/products/${productId}/variants`, {
      sku: "WALK-2",
      options: { size: "M" },
      price: { amount: 1100, currency: "USD" },
    });
    return {
      action: "product.add_variant",
      entityType: "product",
      entityId: productId,
      before: null,
      after: expect.objectContaining({ sku: "WALK-2" }),
    };
  },
  "PATCH /v1/admin/products/{id}/variants/{sku}": async (send) => {
    await send("PATCH", `/products/${productId}/variants/WALK-1`, { price: { amount: 950, currency: "USD" } });
    return {
      action: "product.update_variant",
      entityType: "product",
      entityId: productId,
      after: expect.objectContaining({ sku: "WALK-1", price: 950 }),
    };
  },
  "DELETE /v1/admin/products/{id}": async (send) => {
    await send("DELETE", `/products/${productId}`);
    return { action: "product.archive", entityType: "product", entityId: productId, after: { status: "archived" } };
  },
  "POST /v1/admin/categories": async (send) => {
    categoryId = ((await send("POST", "/categories", { name: "Audit Walk" })) as Json).id;
    return {
      action: "category.create",
      entityType: "category",
      entityId: categoryId,
      after: expect.objectContaining({ name: "Audit Walk" }),
    };
  },
  "PATCH /v1/admin/categories/{id}": async (send) => {
    await send("PATCH", `/categories/${categoryId}`, { name: "Audit Walked" });
    return {
      action: "category.update",
      entityType: "category",
      entityId: categoryId,
      after: expect.objectContaining({ name: "Audit Walked" }),
    };
  },
  "DELETE /v1/admin/categories/{id}": async (send) => {
    await send("DELETE", `/categories/${categoryId}`);
    return {
      action: "category.delete",
      entityType: "category",
      entityId: categoryId,
      before: expect.objectContaining({ name: "Audit Walked" }),
      after: null,
    };
  },
  "POST /v1/admin/inventory/{sku}/adjust": async (send) => {
    await send("POST", "/inventory/LAMP-BRASS/adjust", { delta: -2, reason: "adjustment" });
    return { action: "inventory.adjust", entityType: "stock", entityId: "LAMP-BRASS", after: expect.objectContaining({ onHand: 23 }) };
  },
  "POST /v1/admin/orders/{id}/ship": async (send) => {
    const { order } = await placeOrder(t, [{ sku: "SPEAKER-BT", quantity: 1 }]);
    shippedOrderId = order.id;
    await send("POST", `/orders/${order.id}/ship`, { trackingNumber: "WALK-TRACK" });
    return { action: "order.ship", entityType: "order", entityId: order.id, after: { status: "shipped", trackingNumber: "WALK-TRACK" } };
  },
  "POST /v1/admin/orders/{id}/deliver": async (send) => {
    await send("POST", `/orders/${shippedOrderId}/deliver`);
    return { action: "order.deliver", entityType: "order", entityId: shippedOrderId, after: { status: "delivered" } };
  },
  "POST /v1/admin/orders/{id}/refund": async (send) => {
    await send("POST", `/orders/${shippedOrderId}/refund`, { restock: true }, { "Idempotency-Key": "audit-walk-refund" });
    return {
      action: "order.refund",
      entityType: "order",
      entityId: shippedOrderId,
      after: expect.objectContaining({ status: "refunded" }),
    };
  },
  "POST /v1/admin/orders/{id}/cancel": async (send) => {
    const { order } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    await send("POST", `/orders/${order.id}/cancel`);
    return { action: "order.cancel", entityType: "order", entityId: order.id, after: { status: "refunded" } };
  },
  "PATCH /v1/admin/customers/{id}": async (send) => {
    const customer = await t.registerCustomer("promoted@example.com", "Promoted");
    await send("PATCH", `/customers/${customer.customer.id}`, { role: "admin" });
    return { action: "customer.update", entityType: "customer", entityId: customer.customer.id, after: { role: "admin", disabled: false } };
  },
  "POST /v1/admin/promotions": async (send) => {
    const promotion: Json = await send("POST", "/promotions", { code: "WALK5", kind: "percent_off", value: 500 });
    return {
      action: "promotion.create",
      entityType: "promotion",
      entityId: promotion.id,
      after: expect.objectContaining({ code: "WALK5" }),
    };
  },
  "POST /v1/admin/reviews/{id}/hide": async (send) => {
    const author = await t.registerCustomer("reviewer@example.com", "Reviewer");
    const review = await t.json("POST", "/v1/products/reading-lamp/reviews", {
      token: author.accessToken,
      body: { rating: 2, body: "Dim." },
    });
    reviewId = review.body.id;
    await send("POST", `/reviews/${reviewId}/hide`);
    return { action: "review.hide", entityType: "review", entityId: reviewId, after: { hidden: true } };
  },
  "POST /v1/admin/reviews/{id}/unhide": async (send) => {
    await send("POST", `/reviews/${reviewId}/unhide`);
    return { action: "review.unhide", entityType: "review", entityId: reviewId, after: { hidden: false } };
  },
};

describe("the audit trail of admin mutations", () => {
  it("has a step for every admin mutation route of the API document", async () => {
    const doc = await t.json<{ paths: Record<string, Record<string, unknown>> }>("GET", "/openapi.json");
    const mutations = Object.entries(doc.body.paths)
      .filter(([path]) => path.startsWith("/v1/admin/"))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((operation) => !operation.startsWith("GET ") && !NOT_MUTATIONS.has(operation));
    expect(mutations.sort()).toEqual(Object.keys(STEPS).sort());
  });

  it("records actor, action, entity, before, after, request id and time for each, inside the request", async () => {
    const started = Date.now();
    for (const [index, [operation, step]] of Object.entries(STEPS).entries()) {
      const requestId = `audit-walk-${index}`;
      const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
        const res = await t.json(method, `/v1/admin${path}`, { token, body, headers: { "X-Request-Id": requestId, ...headers } });
        expect(res.status, `${operation}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
        expect(res.headers.get("X-Request-Id")).toBe(requestId);
        return res.body as unknown;
      };
      const expected = await step(send);
      const log = await t.json(
        "GET",
        `/v1/admin/audit-log?entityType=${expected.entityType}&entityId=${expected.entityId}&action=${expected.action}`,
        {
          token,
        },
      );
      const entries = log.body.items.filter((entry: { requestId: string }) => entry.requestId === requestId);
      expect(entries, operation).toEqual([
        {
          id: expect.any(String),
          actor: adminId,
          action: expected.action,
          entityType: expected.entityType,
          entityId: expected.entityId,
          before: "before" in expected ? expected.before : expected.action.endsWith(".create") ? null : expect.anything(),
          after: expected.after,
          requestId,
          at: expect.any(String),
        },
      ]);
      const at = Date.parse(entries[0].at);
      expect(at).toBeGreaterThanOrEqual(started - 1000);
      expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it("offers no way to change or delete an entry: the audit log's routes only read", async () => {
    for (const method of ["PATCH", "PUT", "DELETE"]) {
      const res = await t.json(method, "/v1/admin/audit-log", { token, body: {} });
      expect(res.status, method).toBe(404);
    }
  });
});

describe("an admin change and its audit entry share one transaction", () => {
  const db = () => t.container.get(Tokens.Database).db;

  it("rolls the change back when its audit entry cannot be written", async () => {
    const { order } = await placeOrder(t, [{ sku: "EARBUDS-TRAVEL", quantity: 1 }]);
    const customer = await t.registerCustomer("not-promoted@example.com", "Not Promoted");
    await sql`create trigger audit_log_refuse_insert before insert on audit_log begin select raise(abort, 'audit log down'); end`.execute(
      db(),
    );
    try {
      const attempts: [string, string, unknown][] = [
        ["POST", "/inventory/EARBUDS-TRAVEL/adjust", { delta: 5, reason: "restock" }],
        ["POST", `/orders/${order.id}/ship`, { trackingNumber: "NEVER" }],
        ["PATCH", `/customers/${customer.customer.id}`, { role: "admin" }],
        ["POST", "/promotions", { code: "NEVER", kind: "free_shipping" }],
      ];
      for (const [method, path, body] of attempts) {
        const res = await t.json(method, `/v1/admin${path}`, { token, body });
        expect(res.status, `${method} ${path}`).toBe(500);
      }
    } finally {
      await sql`drop trigger audit_log_refuse_insert`.execute(db());
    }
    const repos = t.container.get(Tokens.Repositories);
    expect((await repos.inventory.findManyBySkus(["EARBUDS-TRAVEL"]))[0]?.onHand).toBe(39);
    expect((await repos.orders.findById(order.id))?.status).toBe("paid");
    expect((await repos.customers.findById(customer.customer.id))?.role).toBe("customer");
    expect(await repos.promotions.findByCode("NEVER")).toBeNull();
  });
});
