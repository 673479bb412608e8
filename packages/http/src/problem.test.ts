import { invalid, notFound, type DomainError, type ErrorCode } from "@emporium/domain";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS, problem, respondError, statusOf } from "./problem.js";

/** One instance of every member of the DomainError union, as a use case would return it. */
const EVERY_ERROR: readonly DomainError[] = [
  invalid({ path: "email", message: "is not an email" }),
  notFound("product", "classic-tee"),
  notFound("order", "o-1"),
  { code: "stock.insufficient", message: "not enough stock", skus: [{ sku: "TEE-M", requested: 3, available: 1 }] },
  { code: "order.invalid_transition", message: "cannot ship a cancelled order", from: "cancelled", event: "ship" },
  { code: "auth.unauthenticated", message: "wrong email or password" },
  { code: "auth.forbidden", message: "admins only" },
  { code: "customer.email_taken", message: "email already registered" },
  { code: "promotion.not_applicable", message: "coupon expired", reason: "expired" },
  { code: "payment.declined", message: "card declined" },
  { code: "payment.client_confirmation_required", message: "confirm with Stripe.js" },
  { code: "idempotency.in_progress", message: "still running" },
  { code: "idempotency.key_reused", message: "other body" },
  { code: "cart.too_many_lines", message: "100 lines at most" },
  { code: "cart.quantity_out_of_range", message: "1..999" },
  { code: "catalog.slug_taken", message: "slug taken" },
  { code: "catalog.sku_taken", message: "sku taken" },
  { code: "review.already_posted", message: "one review per product" },
  { code: "order.payment_not_pending", message: "already paid" },
];

/** DESIGN §5: the status each code must have. */
const EXPECTED_STATUS: Readonly<Record<string, number>> = {
  "request.invalid": 422,
  "product.not_found": 404,
  "order.not_found": 404,
  "stock.insufficient": 409,
  "order.invalid_transition": 409,
  "auth.unauthenticated": 401,
  "auth.forbidden": 403,
  "customer.email_taken": 409,
  "promotion.not_applicable": 422,
  "payment.declined": 402,
  "payment.client_confirmation_required": 409,
  "idempotency.in_progress": 409,
  "idempotency.key_reused": 422,
  "cart.too_many_lines": 422,
  "cart.quantity_out_of_range": 422,
  "catalog.slug_taken": 409,
  "catalog.sku_taken": 409,
  "review.already_posted": 409,
  "order.payment_not_pending": 409,
};

const respondWith = async (error: DomainError) => {
  const app = new Hono();
  app.get("/", (c) => respondError(c, error));
  const res = await app.request("/");
  return { res, body: (await res.json()) as Record<string, unknown> };
};

describe("ERROR_STATUS", () => {
  it("covers every listed code of the union and nothing else", () => {
    const listed = EVERY_ERROR.map((e) => e.code).filter((code) => !code.endsWith(".not_found"));
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...new Set(listed)].sort());
  });

  it.each(EVERY_ERROR.map((e) => [e.code, EXPECTED_STATUS[e.code]] as const))("maps %s to %i", (code, status) => {
    expect(statusOf(code as ErrorCode)).toBe(status);
  });

  it("maps any entity's not_found to 404 by its suffix", () => {
    expect(statusOf(notFound("reservation", "r-1").code)).toBe(404);
  });
});

describe("respondError", () => {
  it.each(EVERY_ERROR.map((e) => [e.code, e] as const))("answers %s as problem+json", async (code, error) => {
    const { res, body } = await respondWith(error);
    expect(res.status).toBe(EXPECTED_STATUS[code]);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(body).toMatchObject({
      type: `https://emporium.dev/problems/${code}`,
      status: EXPECTED_STATUS[code],
      code,
      detail: error.message,
    });
    expect(typeof body["title"]).toBe("string");
    expect(body).not.toHaveProperty("message");
  });

  it("keeps the extra fields of the error", async () => {
    const stock = await respondWith(EVERY_ERROR[3]!);
    expect(stock.body["skus"]).toEqual([{ sku: "TEE-M", requested: 3, available: 1 }]);
    const transition = await respondWith(EVERY_ERROR[4]!);
    expect(transition.body).toMatchObject({ from: "cancelled", event: "ship" });
    const validation = await respondWith(EVERY_ERROR[0]!);
    expect(validation.body["errors"]).toEqual([{ path: "email", message: "is not an email" }]);
    const coupon = await respondWith(EVERY_ERROR[8]!);
    expect(coupon.body["reason"]).toBe("expired");
  });

  it("challenges with WWW-Authenticate on 401", async () => {
    const { res } = await respondWith({ code: "auth.unauthenticated", message: "token expired" });
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="emporium"');
  });
});

describe("problem", () => {
  it("cannot be overridden by extra fields", async () => {
    const app = new Hono();
    app.get("/", (c) => problem(c, 503, "search.unavailable", "Service Unavailable", "search is down", { code: "x", status: 200 }));
    const res = await app.request("/");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      type: "https://emporium.dev/problems/search.unavailable",
      title: "Service Unavailable",
      status: 503,
      detail: "search is down",
      code: "search.unavailable",
    });
  });
});
