import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../test-support/test-app.js";
import { describeExchange, send } from "./test-support/api-request.js";
import { KnownValues } from "./test-support/known-values.js";
import { requestArbitrary, type RequestContext } from "./test-support/request-arbitrary.js";
import { contractViolations } from "./test-support/response-contract.js";
import { harvestKnownValues, placeOrder, servedDocument } from "./test-support/shop-fixtures.js";

// Fixed, so a failure reproduces: the same requests in the same order on every run.
const SEED = 20_261_121;
const TARGET_REQUESTS = 2000;
const MIN_PER_OPERATION = 40;

const t = await createTestApp();
const { operations, resolve } = await servedDocument(t);
const perOperation = Math.max(MIN_PER_OPERATION, Math.ceil(TARGET_REQUESTS / operations.length));
const known = new KnownValues();
const tokens = { customer: "", admin: "" };
const ctx: RequestContext = { resolve, tokens, known };
let sent = 0;
/** Statuses seen per operation, printed at the end so a reader can see how deep the requests went. */
const seen = new Map<string, Map<number, number>>();

/** A seed per operation, so adding a route does not change the requests of the others. */
const seedOf = (key: string) => [...key].reduce((hash, ch) => (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0, SEED);

describe(`fuzzing every operation of /openapi.json (${operations.length} operations × ${perOperation} requests)`, () => {
  beforeAll(async () => {
    const customer = await t.registerCustomer("fuzzer@example.com");
    tokens.customer = customer.accessToken;
    tokens.admin = await t.adminToken();
    // Orders in each state a customer route can meet: two awaiting payment, one paid.
    await placeOrder(t, tokens.customer, [{ sku: "TEE-BLUE-M", quantity: 1 }]);
    await placeOrder(t, tokens.customer, [{ sku: "EARBUDS-TRAVEL", quantity: 2 }]);
    const paid = await placeOrder(t, tokens.customer, [{ sku: "VNECK-WHITE-S", quantity: 1 }]);
    await t.json("POST", `/v1/orders/${paid.id}/pay`, {
      token: tokens.customer,
      headers: { "Idempotency-Key": `fuzz-setup-${paid.id}` },
      body: { paymentMethod: "pm_card_visa" },
    });
    await t.json("POST", "/v1/cart/items", { token: tokens.customer, body: { sku: "TEE-BLUE-L", quantity: 1 } });
    await harvestKnownValues(t, operations, ctx, known);
    // Generated admin requests must not disable or demote the two callers the fuzzer needs.
    const me = await t.json("GET", "/v1/me", { token: tokens.admin });
    known.exclude(customer.customer.id, String(me.body?.id ?? ""));
  });
  afterAll(() => t.close());

  it("has operations to fuzz", () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  for (const op of operations) {
    it(`${op.key}: no 5xx, only declared statuses, problems for every 4xx`, async () => {
      const requests = fc.sample(requestArbitrary(op, ctx), { seed: seedOf(op.key), numRuns: perOperation });
      const failures: string[] = [];
      for (const request of requests) {
        const response = await send(t.app.request.bind(t.app), request);
        sent += 1;
        const statuses = seen.get(op.key) ?? new Map<number, number>();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        seen.set(op.key, statuses);
        const violations = contractViolations(op, request, response);
        if (violations.length > 0) failures.push(`${violations.join("; ")}\n${describeExchange(request, response)}`);
      }
      expect(
        failures.length,
        `${failures.length} of ${requests.length} requests broke the contract:\n\n${failures.slice(0, 5).join("\n\n")}\n`,
      ).toBe(0);
    });
  }

  it(`sent at least ${TARGET_REQUESTS} requests`, () => {
    const lines = [...seen].map(
      ([key, statuses]) =>
        `  ${key}: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(" ")}`,
    );
    console.log(`fuzz: ${sent} requests over ${operations.length} operations (seed ${SEED})\n${lines.join("\n")}`);
    expect(sent).toBeGreaterThanOrEqual(TARGET_REQUESTS);
  });
});
