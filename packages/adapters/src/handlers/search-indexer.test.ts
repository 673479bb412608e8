import { createEvent, type Actor, type SearchIndex, type SearchQuery } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContainer, type EmporiumContainer } from "../container/create-container.js";
import { tempSqlite, type TempSqlite } from "../container/test-support/sqlite-file.js";
import { Tokens } from "../container/tokens.js";
import { KyselySalesCounter } from "./kysely-sales-counter.js";
import { SearchIndexer } from "./search-indexer.js";

const ADMIN: Actor = { id: "admin-1", role: "admin" };

describe("SearchIndexer through the outbox (SQLite)", () => {
  let sqlite: TempSqlite;
  let app: EmporiumContainer;
  const drain = () => app.get(Tokens.OutboxProcessor).drain();
  const hits = async (query: Partial<SearchQuery> & { q: string }) =>
    (await app.get(Tokens.SearchIndex).search({ page: 1, limit: 10, ...query })).hits.map((h) => h.productId);

  beforeAll(async () => {
    sqlite = tempSqlite();
    app = await createContainer(sqlite.config());
  });
  afterAll(async () => {
    await app?.close();
    sqlite?.remove();
  });

  async function product(input: {
    name: string;
    sku: string;
    stock?: number;
    status?: "draft" | "active";
    categoryIds?: string[];
  }): Promise<string> {
    const { sku, stock, ...fields } = input;
    const result = await app
      .useCase("CreateProduct")
      .execute({ actor: ADMIN, ...fields, variants: [{ sku, price: 1000, stock: stock ?? 0 }] });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.id;
  }

  it("indexes a draft only once it is published", async () => {
    const id = await product({ name: "Linen Apron", sku: "APRON-LINEN", status: "draft" });
    await drain();
    expect(await hits({ q: "apron" })).toEqual([]);

    expect((await app.useCase("UpdateProduct").execute({ actor: ADMIN, productId: id, status: "active" })).ok).toBe(true);
    await drain();
    expect(await hits({ q: "apron" })).toEqual([id]);
  });

  it("follows stock changes", async () => {
    const id = await product({ name: "Copper Kettle", sku: "KETTLE-COPPER" });
    await drain();
    expect(await hits({ q: "kettle" })).toEqual([id]);
    expect(await hits({ q: "kettle", inStock: true })).toEqual([]);

    const adjusted = await app.useCase("AdjustStock").execute({ actor: ADMIN, sku: "KETTLE-COPPER", delta: 5, reason: "restock" });
    expect(adjusted.ok).toBe(true);
    await drain();
    expect(await hits({ q: "kettle", inStock: true })).toEqual([id]);
  });

  it("rebuilds a document on a stock change only when it crosses zero", async () => {
    await product({ name: "Enamel Mug", sku: "MUG-ENAMEL", stock: 3 });
    await drain();
    const search = app.get(Tokens.SearchIndex);
    const indexed: string[][] = [];
    const counting: SearchIndex = {
      index: async (documents) => {
        indexed.push(documents.map((d) => d.productId));
        await search.index(documents);
      },
      remove: (ids) => search.remove(ids),
      search: (query) => search.search(query),
      suggest: (prefix, limit) => search.suggest(prefix, limit),
      reindex: (source) => search.reindex(source),
    };
    const sales = new KyselySalesCounter(app.get(Tokens.Database).db);
    const indexer = new SearchIndexer({ repos: app.get(Tokens.Repositories), search: counting, sales });
    const handle = indexer.handlers()["stock.changed"]!;
    const event = (available: number, previousAvailable?: number) =>
      createEvent(
        "stock.changed",
        { sku: "MUG-ENAMEL", onHand: available, reserved: 0, available, ...(previousAvailable === undefined ? {} : { previousAvailable }) },
        { id: `evt-${indexed.length}-${available}`, now: new Date() },
      );

    await handle(event(2, 3));
    expect(indexed).toEqual([]);
    await handle(event(0, 2));
    expect(indexed).toHaveLength(1);
    await handle(event(4, 0));
    expect(indexed).toHaveLength(2);
    await handle(event(5));
    expect(indexed).toHaveLength(3);
  });

  it("refreshes every product of a renamed category", async () => {
    const category = await app.useCase("CreateCategory").execute({ actor: ADMIN, name: "Glassware" });
    if (!category.ok) throw new Error(category.error.message);
    const id = await product({ name: "Tumbler", sku: "TUMBLER-1", categoryIds: [category.value.id] });
    await drain();
    expect(await hits({ q: "glassware" })).toEqual([id]);

    expect(
      (await app.useCase("UpdateCategory").execute({ actor: ADMIN, categoryId: category.value.id, name: "Barware", slug: "barware" })).ok,
    ).toBe(true);
    await drain();
    expect(await hits({ q: "barware" })).toEqual([id]);
    expect(await hits({ q: "glassware" })).toEqual([]);
  });

  it("counts units of paid orders as sales", async () => {
    const id = await product({ name: "Oak Board", sku: "BOARD-OAK", stock: 10 });
    const registered = await app
      .useCase("RegisterCustomer")
      .execute({ email: "oak@example.com", password: "correct horse battery", name: "Oak" });
    if (!registered.ok) throw new Error(registered.error.message);
    const customerId = registered.value.customer.id;
    await app.useCase("AddCartItem").execute({ customerId, sku: "BOARD-OAK", quantity: 2 });
    const placed = await app.useCase("PlaceOrder").execute({
      customerId,
      shippingAddress: { name: "Oak", line1: "1 Tree Lane", city: "Leeds", postalCode: "LS1 1AA", country: "GB" },
    });
    if (!placed.ok) throw new Error(placed.error.message);
    const sales = new KyselySalesCounter(app.get(Tokens.Database).db);
    expect(await sales.count([id])).toEqual(new Map([[id, 0]]));

    expect((await app.useCase("PayOrder").execute({ orderId: placed.value.id, customerId, paymentMethod: "pm_card_visa" })).ok).toBe(true);
    expect(await sales.count([id])).toEqual(new Map([[id, 2]]));
    await drain();
    expect(await hits({ q: "oak", sort: "popular" })).toEqual([id]);
  });
});
