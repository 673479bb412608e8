import type { RequestStep } from "autocannon";
import { CheckCounter, LoopCounter, type Scenario } from "./load-test.js";

/** GET of one fixed path. */
export function fixedGet(name: string, server: string, path: string): Scenario {
  const checks = new CheckCounter();
  return { name, server, checks, steps: () => [{ method: "GET", path, onResponse: (status, body) => void checks.status(status, body) }] };
}

/** GET over many paths, spread evenly in a fixed order (the same sequence on every run). */
export function rotatingGet(name: string, server: string, paths: readonly string[]): Scenario {
  if (paths.length === 0) throw new Error(`${name}: no paths to request`);
  const checks = new CheckCounter();
  const steps = (): RequestStep[] => {
    const next = spread(paths.length);
    return [
      {
        method: "GET",
        setupRequest: (request) => ({ ...request, path: paths[next()]! }),
        onResponse: (status, body) => void checks.status(status, body),
      },
    ];
  };
  return { name, server, checks, steps };
}

/**
 * Hands out customers so that no two connections act for the same customer at once: a cart
 * (or a checkout) is then never written by two requests together, as with real shoppers.
 */
class CustomerPool {
  private readonly idle: string[];
  private overflow = 0;
  constructor(private readonly tokens: readonly string[]) {
    this.idle = [...tokens];
  }
  take(): string {
    // More connections than customers: share them round-robin rather than stall.
    return this.idle.pop() ?? this.tokens[this.overflow++ % this.tokens.length]!;
  }
  give(token: string): void {
    if (!this.idle.includes(token)) this.idle.push(token);
  }
}

const JSON_HEADERS = { "content-type": "application/json" };

/** POST /v1/cart/items: one unit of one of `skus` into the cart of one of the customers. */
export function cartScenario(name: string, server: string, tokens: readonly string[], skus: readonly string[]): Scenario {
  const checks = new CheckCounter();
  const steps = (): RequestStep[] => {
    const pool = new CustomerPool(tokens);
    let sent = 0;
    return [
      {
        method: "POST",
        path: "/v1/cart/items",
        setupRequest: (request, context) => {
          const token = pool.take();
          context.token = token;
          return {
            ...request,
            headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
            body: JSON.stringify({ sku: skus[sent++ % skus.length], quantity: 1 }),
          };
        },
        onResponse: (status, body, context) => {
          pool.give(context.token as string);
          if (!checks.status(status, body)) return;
          const cart = JSON.parse(body) as { lines?: unknown[] };
          if (!Array.isArray(cart.lines) || cart.lines.length === 0)
            checks.fail(`cart without lines after adding an item: ${body.slice(0, 200)}`);
        },
      },
    ];
  };
  return { name, server, checks, steps };
}

export const BENCH_ADDRESS = { name: "Bench Shopper", line1: "1 Loopback Road", city: "Localhost", postalCode: "12700", country: "GB" };

/**
 * The closed loop of a shopper per connection: add one unit to the cart, check out, pay.
 * Every order is checked (pending_payment with a positive total, then paid); a loop that
 * fails part-way gives its customer back and starts over.
 */
export function checkoutScenario(
  name: string,
  server: string,
  tokens: readonly string[],
  skus: readonly string[],
  runId: string,
): Scenario {
  const checks = new CheckCounter();
  const loops = new LoopCounter();
  let keys = 0;
  const steps = (): RequestStep[] => {
    const pool = new CustomerPool(tokens);
    let sent = 0;
    const abandon = (context: Record<string, unknown>) => {
      pool.give(context.token as string);
      context.failed = true;
    };
    return [
      {
        method: "POST",
        path: "/v1/cart/items",
        setupRequest: (request, context) => {
          const token = pool.take();
          context.token = token;
          return {
            ...request,
            headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
            body: JSON.stringify({ sku: skus[sent++ % skus.length], quantity: 1 }),
          };
        },
        onResponse: (status, body, context) => {
          if (!checks.status(status, body)) abandon(context);
        },
      },
      {
        method: "POST",
        path: "/v1/checkout",
        body: JSON.stringify({ shippingAddress: BENCH_ADDRESS }),
        setupRequest: (request, context) =>
          context.failed
            ? null
            : {
                ...request,
                headers: { ...JSON_HEADERS, authorization: `Bearer ${context.token as string}`, "idempotency-key": `${runId}-c${++keys}` },
              },
        onResponse: (status, body, context) => {
          if (!checks.status(status, body)) return abandon(context);
          const order = JSON.parse(body) as { id?: string; status?: string; totals?: { total?: { amount?: number } }; lines?: unknown[] };
          if (
            typeof order.id !== "string" ||
            order.status !== "pending_payment" ||
            !(Number(order.totals?.total?.amount) > 0) ||
            !order.lines?.length
          ) {
            checks.fail(`checkout answered an order that is not pending payment with lines and a total: ${body.slice(0, 200)}`);
            return abandon(context);
          }
          context.orderId = order.id;
        },
      },
      {
        method: "POST",
        body: JSON.stringify({ paymentMethod: "pm_card_visa" }),
        setupRequest: (request, context) =>
          context.failed
            ? null
            : {
                ...request,
                path: `/v1/orders/${encodeURIComponent(context.orderId as string)}/pay`,
                headers: { ...JSON_HEADERS, authorization: `Bearer ${context.token as string}`, "idempotency-key": `${runId}-p${++keys}` },
              },
        onResponse: (status, body, context) => {
          pool.give(context.token as string);
          if (!checks.status(status, body)) return;
          const order = JSON.parse(body) as { id?: string; status?: string };
          if (order.id !== context.orderId || order.status !== "paid")
            checks.fail(`pay answered an order that is not paid: ${body.slice(0, 200)}`);
          else loops.completed += 1;
        },
      },
    ];
  };
  return { name, server, checks, loops, steps };
}

/** Indices 0..n-1 in a fixed scattered order: steps by a stride coprime with n, so every index comes once per lap. */
function spread(n: number): () => number {
  let stride = Math.max(1, Math.floor(n * 0.618));
  while (gcd(stride, n) !== 1) stride += 1;
  let index = 0;
  return () => {
    index = (index + stride) % n;
    return index;
  };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
