import type { Category, Product, Promotion } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { createInMemoryPersistence, type InMemoryPersistence } from "./create-in-memory-persistence.js";

const NOW = new Date("2025-01-01T00:00:00Z");

const category = (id: string, path: string, parentId: string | null = null): Category => ({
  id,
  slug: path.split("/").at(-1) ?? path,
  name: id,
  parentId,
  path,
  position: 0,
  attributeDefinitions: [],
});

const product = (id: string, prices: number[], extra: Partial<Product> = {}): Product => ({
  id,
  slug: id,
  name: id,
  description: "",
  brand: null,
  status: "active",
  featured: false,
  taxClass: "standard",
  categoryIds: [],
  images: [],
  attributes: {},
  variants: prices.map((price, i) => ({ sku: `${id}-${i}`, options: {}, price, status: "active", lowStockThreshold: 1 })),
  rating: { average: 0, count: 0 },
  relatedProductIds: [],
  createdAt: NOW,
  updatedAt: NOW,
  ...extra,
});

describe("in-memory repositories", () => {
  let db: InMemoryPersistence;

  beforeEach(() => {
    db = createInMemoryPersistence();
  });

  it("lists products of a category subtree with price filters and sorts", async () => {
    await db.repos.categories.save(category("apparel", "apparel"));
    await db.repos.categories.save(category("tops", "apparel/tops", "apparel"));
    await db.repos.categories.save(category("apparel-sale", "apparel-sale"));
    await db.repos.products.save(product("tee", [1500, 900], { categoryIds: ["tops"] }));
    await db.repos.products.save(product("coat", [9000], { categoryIds: ["apparel"], createdAt: new Date("2025-02-01T00:00:00Z") }));
    await db.repos.products.save(product("sock", [300], { categoryIds: ["apparel-sale"] }));
    await db.repos.products.save(product("old", [100, 5000], { categoryIds: ["tops"], variants: [] }));

    const ids = async (query: Parameters<typeof db.repos.products.list>[0]) => (await db.repos.products.list(query)).items.map((p) => p.id);
    expect(await ids({ limit: 10, categoryId: "apparel", sort: "price_asc" })).toEqual(["old", "tee", "coat"]);
    expect(await ids({ limit: 10, categoryId: "apparel", minPrice: 500, sort: "price_desc" })).toEqual(["coat", "tee"]);
    expect(await ids({ limit: 10, categoryId: "apparel", sort: "newest" })).toEqual(["coat", "tee", "old"]);
    expect(await ids({ limit: 10, maxPrice: 900, sort: "name" })).toEqual(["old", "sock", "tee"]);
  });

  it("enforces unique slugs and SKUs across products", async () => {
    await db.repos.products.save(product("tee", [1500]));
    await expect(db.repos.products.save({ ...product("other", [1]), slug: "tee" })).rejects.toThrow(/slug tee/);
    await expect(db.repos.products.save({ ...product("other", [1]), variants: product("tee", [1]).variants })).rejects.toThrow(/sku tee-0/);
    expect((await db.repos.products.findManyBySkus(["tee-0", "nope"])).map((p) => p.id)).toEqual(["tee"]);
  });

  it("deletes a childless category and unlinks its products", async () => {
    await db.repos.categories.save(category("apparel", "apparel"));
    await db.repos.categories.save(category("tops", "apparel/tops", "apparel"));
    await db.repos.products.save(product("tee", [1500], { categoryIds: ["tops", "apparel"] }));
    await expect(db.repos.categories.delete("apparel")).rejects.toThrow(/children/);
    await db.repos.categories.delete("tops");
    expect((await db.repos.products.findById("tee"))?.categoryIds).toEqual(["apparel"]);
    expect((await db.repos.categories.findAll()).map((c) => c.path)).toEqual(["apparel"]);
  });

  it("matches customer emails and coupon codes case-insensitively", async () => {
    const customer = {
      id: "u1",
      email: "ada@example.com",
      name: "Ada",
      phone: null,
      addresses: [],
      passwordHash: "h",
      role: "customer" as const,
      disabled: false,
      createdAt: NOW,
      updatedAt: NOW,
    };
    expect(await db.repos.customers.insert(customer)).toBe(true);
    expect(await db.repos.customers.insert({ ...customer, id: "u2", email: "ADA@example.com" })).toBe(false);
    expect((await db.repos.customers.findByEmail(" Ada@Example.COM "))?.id).toBe("u1");

    const promotion: Promotion = {
      id: "p1",
      code: "SAVE",
      kind: "fixed_off",
      value: 100,
      minSubtotal: 0,
      startsAt: null,
      endsAt: null,
      usageLimit: 2,
      perCustomerLimit: null,
      timesUsed: 0,
      active: true,
      createdAt: NOW,
    };
    expect(await db.repos.promotions.insert(promotion)).toBe(true);
    expect(await db.repos.promotions.insert({ ...promotion, id: "p2", code: "save" })).toBe(false);
    expect((await db.repos.promotions.findByCode("save"))?.id).toBe("p1");
  });

  it("redeems a promotion only while its overall limit allows", async () => {
    const promotion: Promotion = {
      id: "p1",
      code: "TWICE",
      kind: "fixed_off",
      value: 100,
      minSubtotal: 0,
      startsAt: null,
      endsAt: null,
      usageLimit: 2,
      perCustomerLimit: null,
      timesUsed: 0,
      active: true,
      createdAt: NOW,
    };
    await db.repos.promotions.insert(promotion);
    const redeemed = [];
    for (const [customer, order] of [
      ["u1", "o1"],
      ["u1", "o2"],
      ["u2", "o3"],
    ] as const)
      redeemed.push(await db.repos.promotions.redeem("p1", customer, order, NOW));
    expect(redeemed).toEqual([true, true, false]);
    expect(await db.repos.promotions.countRedemptions("p1", "u1")).toBe(2);
    expect(await db.repos.promotions.countRedemptions("p1", "u2")).toBe(0);
    expect((await db.repos.promotions.findById("p1"))?.timesUsed).toBe(2);
  });

  it("claims idempotency keys per scope and replays completed responses", async () => {
    const store = db.repos.idempotency;
    expect(await store.begin("u1", "k", "h1", NOW, 60)).toEqual({ state: "started" });
    expect(await store.begin("u1", "k", "h1", NOW, 60)).toEqual({ state: "in_progress" });
    expect(await store.begin("u1", "k", "h2", NOW, 60)).toEqual({ state: "mismatch" });
    expect(await store.begin("u2", "k", "h2", NOW, 60)).toEqual({ state: "started" });
    await store.complete("u1", "k", { status: 201, body: "{}" });
    expect(await store.begin("u1", "k", "h1", NOW, 60)).toEqual({ state: "completed", response: { status: 201, body: "{}" } });
    expect(await store.begin("u1", "k", "h2", new Date(NOW.getTime() + 61_000), 60)).toEqual({ state: "started" });
    await store.abandon("u2", "k");
    expect(await store.begin("u2", "k", "h3", NOW, 60)).toEqual({ state: "started" });
  });

  it("updates an order only from the version it was read at", async () => {
    const order = {
      id: "o1",
      number: await db.repos.orders.nextNumber(),
      customerId: "u1",
      status: "pending_payment" as const,
      currency: "USD",
      lines: [],
      totals: { subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0 },
      couponCode: null,
      shippingAddress: { name: "A", line1: "1", city: "C", postalCode: "1", country: "GB" },
      payment: { provider: "simulated", paymentId: "pay_1", status: "pending" as const, clientSecret: null, attempts: 0 },
      reservationId: "r1",
      trackingNumber: null,
      history: [],
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };
    await db.repos.orders.insert(order);
    expect(await db.repos.orders.update({ ...order, status: "paid", version: 2 })).toBe(true);
    expect(await db.repos.orders.update({ ...order, status: "cancelled", version: 2 })).toBe(false);
    expect((await db.repos.orders.findByPaymentId("pay_1"))?.status).toBe("paid");
    expect((await db.repos.orders.findByReservationId("r1"))?.version).toBe(2);
  });
});
