import { randomUUID } from "node:crypto";
import type { TestApp } from "../../test-support/test-app.js";
import { send } from "./api-request.js";
import type { KnownValues } from "./known-values.js";
import { operationsOf, resolver, type JsonSchema, type OpenApiDocument, type Operation } from "./openapi-document.js";
import { intendedCaller, validRequest, type RequestContext } from "./request-arbitrary.js";

export const SHIPPING_ADDRESS = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};

export interface ServedDocument {
  readonly doc: OpenApiDocument;
  readonly operations: Operation[];
  readonly resolve: (schema: JsonSchema) => JsonSchema;
}

/** The OpenAPI document the app serves, and its operations. */
export async function servedDocument(t: Pick<TestApp, "app">): Promise<ServedDocument> {
  const res = await t.app.request("/openapi.json");
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
  const doc = (await res.json()) as OpenApiDocument;
  return { doc, operations: operationsOf(doc), resolve: resolver(doc) };
}

/** Puts the lines in the customer's cart and checks out; the order awaits payment. */
export async function placeOrder(
  t: TestApp,
  token: string,
  lines: readonly { sku: string; quantity: number }[] = [{ sku: "TEE-BLUE-M", quantity: 1 }],
): Promise<{ id: string; status: string; [field: string]: unknown }> {
  for (const line of lines) {
    const added = await t.json("POST", "/v1/cart/items", { token, body: line });
    if (added.status !== 200) throw new Error(`adding ${line.sku} answered ${added.status}: ${JSON.stringify(added.body)}`);
  }
  const placed = await t.json("POST", "/v1/checkout", {
    token,
    headers: { "Idempotency-Key": randomUUID() },
    body: { shippingAddress: SHIPPING_ADDRESS },
  });
  if (placed.status !== 201) throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  return placed.body;
}

/**
 * Reads every GET operation as its intended caller and remembers the identifiers in the
 * answers: first the lists (no path parameters), then the items they name.
 */
export async function harvestKnownValues(
  t: TestApp,
  operations: readonly Operation[],
  ctx: RequestContext,
  known: KnownValues,
): Promise<void> {
  const reads = operations.filter((op) => op.method === "GET");
  const read = async (op: Operation, pathValues: Record<string, string> = {}) => {
    const res = await send(t.app.request.bind(t.app), validRequest(op, ctx, { auth: intendedCaller(op), pathValues }));
    if (res.status === 200 && /json/.test(res.contentType)) known.add(JSON.parse(res.text), op.path);
  };
  for (const op of reads.filter((op) => op.pathParams.length === 0)) await read(op);
  for (const op of reads.filter((op) => op.pathParams.length === 1)) {
    const param = op.pathParams[0]!;
    const { scoped, all } = known.forPath(param, op.path);
    for (const value of (scoped.length > 0 ? scoped : all).slice(0, 5)) await read(op, { [param.name]: value });
  }
}
