import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type JsonResponse } from "../test-support/test-app.js";
import { describeExchange, send, type ApiRequest, type ApiResponse, type AuthMode } from "./test-support/api-request.js";
import { KnownValues } from "./test-support/known-values.js";
import type { Operation } from "./test-support/openapi-document.js";
import { validRequest, type RequestContext } from "./test-support/request-arbitrary.js";
import { placeOrder, servedDocument } from "./test-support/shop-fixtures.js";

const t = await createTestApp();
const { operations, resolve } = await servedDocument(t);

interface Fixtures {
  /** Customer A, who owns the resources, and customer B, who reaches for them. */
  readonly a: string;
  readonly b: string;
  /** A's order awaiting payment, and the SKU of a line in A's cart. */
  readonly orderOfA: string;
  readonly cartSkuOfA: string;
}

/** Path parameters that name something a customer owns: B naming A's must meet a 404 and leave it as it was. */
interface OwnedResource {
  readonly pattern: RegExp;
  readonly entity: string;
  readonly pathValues: (f: Fixtures) => Record<string, string>;
  /** A's view of the resource; it must read the same before and after B's request. */
  readonly snapshot: (f: Fixtures) => Promise<JsonResponse>;
}

const OWNED: readonly OwnedResource[] = [
  {
    pattern: /^\/v1\/orders\/\{id\}(\/[a-z-]+)?$/,
    entity: "order",
    pathValues: (f) => ({ id: f.orderOfA }),
    snapshot: (f) => t.json("GET", `/v1/orders/${f.orderOfA}`, { token: f.a }),
  },
  {
    pattern: /^\/v1\/cart\/items\/\{sku\}$/,
    entity: "cart_item",
    pathValues: (f) => ({ sku: f.cartSkuOfA }),
    snapshot: (f) => t.json("GET", "/v1/cart", { token: f.a }),
  },
];

/** Operations with path parameters that name nothing a customer owns. */
const EXEMPT: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /^\/v1\/admin\//, reason: "admin routes act on every customer's resources by design; their role guard is checked above" },
  { pattern: /^\/v1\/categories\/\{slug\}$/, reason: "category slugs are public catalogue data that no customer owns" },
  { pattern: /^\/v1\/products\/\{slug\}$/, reason: "product slugs are public catalogue data that no customer owns" },
  {
    pattern: /^\/v1\/products\/\{slug\}\/reviews$/,
    reason: "the product is public and a review is always written as the caller, never named by the path",
  },
];

/** Public routes whose 401 means wrong credentials in the body, not a missing token. */
const CREDENTIAL_ROUTES = new Set(["POST /v1/auth/login", "POST /v1/auth/refresh"]);

let fixtures: Fixtures;
// No identifiers are harvested: requests name made-up resources, so the admin pass changes nothing real.
const known = new KnownValues();
const ctxAs = (customer: string, admin = ""): RequestContext => ({ resolve, tokens: { customer, admin }, known });

async function call(
  op: Operation,
  auth: AuthMode,
  ctx: RequestContext,
  pathValues: Record<string, string> = {},
): Promise<[ApiRequest, ApiResponse]> {
  const request = validRequest(op, ctx, { auth, pathValues });
  return [request, await send(t.app.request.bind(t.app), request)];
}

const problemCode = (response: ApiResponse): unknown => {
  try {
    return (JSON.parse(response.text) as { code?: unknown }).code;
  } catch {
    return undefined;
  }
};

function expectProblem(request: ApiRequest, response: ApiResponse, status: number, code: string | RegExp): void {
  const exchange = describeExchange(request, response);
  expect(response.status, exchange).toBe(status);
  expect(response.contentType, exchange).toMatch(/^application\/problem\+json/);
  if (typeof code === "string") expect(problemCode(response), exchange).toBe(code);
  else expect(problemCode(response), exchange).toMatch(code);
}

const adminOperations = operations.filter((op) => op.admin);
const withPathIds = operations.filter((op) => op.pathParams.length > 0 && !op.admin);
const needingToken = operations.filter((op) => !op.admin && op.requiresToken);
const anonymous = operations.filter((op) => !op.admin && !op.requiresToken && op.path.startsWith("/v1/") && !CREDENTIAL_ROUTES.has(op.key));
const ownedCases = withPathIds.filter((op) => OWNED.some((rule) => rule.pattern.test(op.path)));

beforeAll(async () => {
  const a = await t.registerCustomer("owner-a@example.com");
  const b = await t.registerCustomer("intruder-b@example.com");
  const order = await placeOrder(t, a.accessToken, [{ sku: "TEE-BLUE-M", quantity: 2 }]);
  await t.json("POST", "/v1/cart/items", { token: a.accessToken, body: { sku: "TEE-BLUE-L", quantity: 1 } });
  // B has an order and a cart of its own, so a 404 cannot come from B having nothing at all.
  await placeOrder(t, b.accessToken, [{ sku: "EARBUDS-TRAVEL", quantity: 1 }]);
  await t.json("POST", "/v1/cart/items", { token: b.accessToken, body: { sku: "VNECK-WHITE-S", quantity: 1 } });
  fixtures = { a: a.accessToken, b: b.accessToken, orderOfA: order.id, cartSkuOfA: "TEE-BLUE-L" };
});
afterAll(() => t.close());

describe("every /v1/admin operation: 401 without a token, 403 for a customer", () => {
  for (const op of adminOperations) {
    it(op.key, async () => {
      const ctx = ctxAs(fixtures.a, await t.adminToken());
      const [anonymousRequest, anonymousResponse] = await call(op, "none", ctx);
      expectProblem(anonymousRequest, anonymousResponse, 401, "auth.unauthenticated");
      const [customerRequest, customerResponse] = await call(op, "customer", ctx);
      expectProblem(customerRequest, customerResponse, 403, "auth.forbidden");
      // The guard lets the admin through (to a 2xx, a 404 for the made-up id, a 422…), so it is not refusing everyone.
      const [adminRequest, adminResponse] = await call(op, "admin", ctx);
      expect([401, 403], describeExchange(adminRequest, adminResponse)).not.toContain(adminResponse.status);
    });
  }
});

describe("customer B naming customer A's resources: 404, and A's resource unchanged", () => {
  for (const op of withPathIds) {
    const owned = OWNED.find((rule) => rule.pattern.test(op.path));
    const exempt = EXEMPT.find((rule) => rule.pattern.test(op.path));
    if (owned !== undefined) {
      it(`${op.key}: B gets 404 ${owned.entity}.not_found`, async () => {
        const before = await owned.snapshot(fixtures);
        expect(before.status, `A reads its own ${owned.entity}`).toBe(200);
        const [request, response] = await call(op, "customer", ctxAs(fixtures.b), owned.pathValues(fixtures));
        expectProblem(request, response, 404, `${owned.entity}.not_found`);
        const after = await owned.snapshot(fixtures);
        expect(after.body, `A's ${owned.entity} after B's ${op.key}`).toEqual(before.body);
      });
    } else if (exempt !== undefined) {
      it.skip(`${op.key}: exempt, ${exempt.reason}`, () => {});
    } else {
      it(`${op.key}: has a BOLA case`, () => {
        expect.fail(
          `${op.key} takes ${op.pathParams.map((p) => `{${p.name}}`).join(", ")} but neither OWNED nor EXEMPT in bola.test.ts covers it: ` +
            "add the resource it names (with A's value and how A reads it) or an exemption with its reason",
        );
      });
    }
  }

  it("has no stale table entries", () => {
    // A table entry that matches no operation is stale: the route it guarded has moved.
    for (const rule of OWNED)
      expect(
        withPathIds.some((op) => rule.pattern.test(op.path)),
        String(rule.pattern),
      ).toBe(true);
  });
});

describe("the document says which operations need a token", () => {
  for (const op of needingToken) {
    it(`${op.key} declares bearer security and refuses an anonymous caller`, async () => {
      const [request, response] = await call(op, "none", ctxAs(fixtures.a));
      expectProblem(request, response, 401, "auth.unauthenticated");
    });
  }
  for (const op of anonymous) {
    it(`${op.key} declares no security and serves an anonymous caller`, async () => {
      const [request, response] = await call(op, "none", ctxAs(fixtures.a));
      expect(
        response.status,
        `answers 401 without a token, so it must declare bearer security:\n${describeExchange(request, response)}`,
      ).not.toBe(401);
    });
  }
});

describe("generated cases", () => {
  it("are more than none", () => {
    const cases = adminOperations.length + ownedCases.length;
    console.log(`bola: ${cases} cases (${adminOperations.length} admin guards, ${ownedCases.length} owned resources)`);
    expect(adminOperations.length).toBeGreaterThan(0);
    expect(ownedCases.length).toBeGreaterThan(0);
  });
});
