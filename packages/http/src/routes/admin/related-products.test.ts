import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { placeOrder } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
  const products = t.container.get(Tokens.Repositories).products;
  for (const slug of ["classic-tee", "reading-lamp", "retired-mug", "travel-earbuds", "oak-sofa", "bluetooth-speaker", "draft-jacket"]) {
    ids[slug] = (await products.findBySlug(slug))!.id;
  }
});
afterAll(() => t.close());

const putRelated = (id: string, body: unknown) => t.json("PUT", `/v1/admin/products/${id}/related`, { token, body });
const relatedOf = async (slug: string) =>
  (await t.json("GET", `/v1/products/${slug}`)).body.related.map((summary: { slug: string }) => summary.slug);

describe("PUT /v1/admin/products/{id}/related", () => {
  it("stores the curated list in order and shows it in the admin product", async () => {
    const res = await putRelated(ids["classic-tee"]!, { productIds: [ids["reading-lamp"], ids["retired-mug"]] });
    expect(res.status).toBe(200);
    expect(res.body.relatedProductIds).toEqual([ids["reading-lamp"], ids["retired-mug"]]);
    const audit = await t.json("GET", `/v1/admin/audit-log?entityId=${ids["classic-tee"]}`, { token });
    expect(audit.body.items[0].action).toBe("product.update");
  });

  it("refuses unknown products, the product itself and repeats (422), and unknown products in the path (404)", async () => {
    const unknown = await putRelated(ids["classic-tee"]!, { productIds: ["no-such-product"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe("relatedProductIds[0]");
    const self = await putRelated(ids["classic-tee"]!, { productIds: [ids["classic-tee"]] });
    expect(self.status).toBe(422);
    const repeated = await putRelated(ids["classic-tee"]!, { productIds: [ids["reading-lamp"], ids["reading-lamp"]] });
    expect(repeated.status).toBe(422);
    expect((await putRelated(ids["classic-tee"]!, { productIds: [], extra: true })).status).toBe(422);
    expect((await putRelated("no-such-product", { productIds: [] })).status).toBe(404);
  });
});

describe("related products on the product page", () => {
  it("curated first, then bought together (most orders first), then the primary category; never archived or sold out", async () => {
    await putRelated(ids["classic-tee"]!, { productIds: [ids["reading-lamp"], ids["retired-mug"]] });
    await placeOrder(t, [
      { sku: "TEE-BLUE-M", quantity: 1 },
      { sku: "EARBUDS-TRAVEL", quantity: 1 },
    ]);
    await placeOrder(t, [
      { sku: "TEE-BLUE-L", quantity: 1 },
      { sku: "EARBUDS-TRAVEL", quantity: 1 },
      { sku: "SPEAKER-BT", quantity: 1 },
    ]);
    // Bought together once, and sold out by that order.
    await placeOrder(t, [
      { sku: "TEE-BLUE-M", quantity: 1 },
      { sku: "SOFA-OAK-3", quantity: 2 },
    ]);
    // Not paid: not bought.
    await placeOrder(
      t,
      [
        { sku: "TEE-BLUE-M", quantity: 1 },
        { sku: "LINEN-SAND-M", quantity: 1 },
      ],
      { pay: false },
    );
    await t.drain();

    expect(await relatedOf("classic-tee")).toEqual(["reading-lamp", "travel-earbuds", "bluetooth-speaker", "vneck-tee"]);
    // Pairs go both ways.
    expect((await relatedOf("travel-earbuds")).slice(0, 2)).toEqual(["classic-tee", "bluetooth-speaker"]);
  });

  it("redelivered order events do not count twice", async () => {
    const pairs = await t.container
      .get(Tokens.Database)
      .db.selectFrom("product_pairs")
      .select("orders")
      .where("product_id", "=", ids["classic-tee"]!)
      .where("other_id", "=", ids["travel-earbuds"]!)
      .executeTakeFirstOrThrow();
    expect(pairs.orders).toBe(2);
    const paid = await t.container.get(Tokens.Database).db.selectFrom("outbox").selectAll().where("type", "=", "order.paid").execute();
    const recorder = t.container.get(Tokens.BoughtTogetherRecorder).handlers()["order.paid"]!;
    for (const row of paid) {
      await recorder({
        id: row.id,
        type: "order.paid",
        payload: JSON.parse(String(row.payload)) as Record<string, unknown>,
        occurredAt: new Date(),
      });
    }
    const again = await t.container
      .get(Tokens.Database)
      .db.selectFrom("product_pairs")
      .select("orders")
      .where("product_id", "=", ids["classic-tee"]!)
      .where("other_id", "=", ids["travel-earbuds"]!)
      .executeTakeFirstOrThrow();
    expect(again.orders).toBe(2);
  });
});
