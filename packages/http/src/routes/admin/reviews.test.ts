import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type RegisteredCustomer, type TestApp } from "../../test-support/test-app.js";
import { placeOrder } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
let ada: RegisteredCustomer;
let bob: RegisteredCustomer;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
  ada = await t.registerCustomer("ada@example.com", "Ada");
  bob = await t.registerCustomer("bob@example.com", "Bob");
});
afterAll(() => t.close());

const admin = (method: string, path: string, requestId?: string) =>
  t.json(method, `/v1/admin${path}`, { token, headers: requestId === undefined ? {} : { "X-Request-Id": requestId } });
const review = async (slug: string, author: RegisteredCustomer, rating: number, body = "Honest words.") => {
  const res = await t.json("POST", `/v1/products/${slug}/reviews`, { token: author.accessToken, body: { rating, body } });
  expect(res.status).toBe(201);
  return res.body as { id: string; productId: string; verifiedPurchase: boolean };
};
const ratingSorted = async () =>
  ((await t.json("GET", "/v1/search?sort=rating&limit=100")).body.hits as { slug: string }[])
    .map((hit) => hit.slug)
    .filter((slug) => slug === "oak-sofa" || slug === "reading-lamp");

describe("review moderation", () => {
  let spam: { id: string; productId: string };

  it("sorts search by the rating the reviews give", async () => {
    await review("oak-sofa", ada, 5);
    spam = await review("oak-sofa", bob, 1, "BUY CHEAP SOFAS AT example.invalid");
    await review("reading-lamp", ada, 4);
    await t.drain();
    expect((await t.json("GET", "/v1/products/oak-sofa")).body.rating).toEqual({ average: 3, count: 2 });
    expect(await ratingSorted()).toEqual(["reading-lamp", "oak-sofa"]);
  });

  it("hides a review: it leaves the public list, the rating and the search order, with an audit entry", async () => {
    const hidden = await admin("POST", `/reviews/${spam.id}/hide`, "req-hide-spam");
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ id: spam.id, hidden: true, customerId: bob.customer.id, authorName: "Bob", rating: 1 });

    const visible = (await t.json("GET", "/v1/products/oak-sofa/reviews")).body.items;
    expect(visible.map((r: { authorName: string }) => r.authorName)).toEqual(["Ada"]);
    expect((await t.json("GET", "/v1/products/oak-sofa")).body.rating).toEqual({ average: 5, count: 1 });
    await t.drain();
    expect(await ratingSorted()).toEqual(["oak-sofa", "reading-lamp"]);

    const audit = (await admin("GET", `/audit-log?entityType=review&entityId=${spam.id}`)).body.items;
    expect(audit).toEqual([
      expect.objectContaining({ action: "review.hide", before: { hidden: false }, after: { hidden: true }, requestId: "req-hide-spam" }),
    ]);
  });

  it("finds hidden reviews by product for moderators, and shows one again", async () => {
    const all = await admin("GET", `/reviews?productId=${spam.productId}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: { authorName: string; hidden: boolean }) => [r.authorName, r.hidden])).toEqual([
      ["Bob", true],
      ["Ada", false],
    ]);
    const hiddenOnly = await admin("GET", `/reviews?productId=${spam.productId}&hidden=true`);
    expect(hiddenOnly.body.items.map((r: { id: string }) => r.id)).toEqual([spam.id]);

    const shown = await admin("POST", `/reviews/${spam.id}/unhide`, "req-unhide");
    expect(shown.body.hidden).toBe(false);
    expect((await t.json("GET", "/v1/products/oak-sofa")).body.rating).toEqual({ average: 3, count: 2 });
    expect((await admin("GET", "/audit-log?action=review.unhide")).body.items[0]).toMatchObject({ requestId: "req-unhide" });
    expect((await admin("GET", `/reviews?productId=${spam.productId}&hidden=true`)).body.items).toEqual([]);
  });

  it("is 404 review.not_found for an unknown review and 422 for a bad filter", async () => {
    const missing = await admin("POST", "/reviews/no-such-review/hide");
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("review.not_found");
    expect((await admin("GET", "/reviews?hidden=maybe")).status).toBe(422);
  });

  it("refuses a customer (403) and hides nothing", async () => {
    const res = await t.json("POST", `/v1/admin/reviews/${spam.id}/hide`, { token: bob.accessToken });
    expect(res.status).toBe(403);
    expect((await t.json("GET", "/v1/products/oak-sofa/reviews")).body.items).toHaveLength(2);
  });
});

describe("verified purchase", () => {
  it("marks a review verified only when the author has a delivered order with the product", async () => {
    const delivered = await placeOrder(t, [{ sku: "LINEN-SAND-M", quantity: 1 }]);
    const ship = await t.json("POST", `/v1/admin/orders/${delivered.order.id}/ship`, { token, body: { trackingNumber: "TRACK-1" } });
    expect(ship.status).toBe(200);
    expect((await admin("POST", `/orders/${delivered.order.id}/deliver`)).status).toBe(200);
    expect((await review("linen-shirt", delivered.customer, 5)).verifiedPurchase).toBe(true);

    const paidOnly = await placeOrder(t, [{ sku: "LINEN-SAND-M", quantity: 1 }]);
    expect((await review("linen-shirt", paidOnly.customer, 4)).verifiedPurchase).toBe(false);
    expect((await review("vneck-tee", delivered.customer, 4)).verifiedPurchase).toBe(false);
  });
});
