import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyOrderEvent } from "./apply-order-event.js";
import { placedOrder } from "./test-support/placed-order.js";
import type { Order, OrderEvent, OrderEventType, OrderStatus, PaymentStatus } from "./order.js";
import { ORDER_EVENT_TYPES, ORDER_STATUSES, ORDER_TRANSITIONS } from "./order-transitions.js";

// DESIGN §2 restated row by row, independently of ORDER_TRANSITIONS.
const DESIGN_TABLE: readonly (readonly [OrderStatus, OrderEventType, OrderStatus])[] = [
  ["pending_payment", "payment_succeeded", "paid"],
  ["pending_payment", "payment_failed", "pending_payment"],
  ["pending_payment", "cancel", "cancelled"],
  ["pending_payment", "reservation_expired", "cancelled"],
  ["paid", "ship", "shipped"],
  ["paid", "cancel", "refunded"],
  ["shipped", "deliver", "delivered"],
  ["shipped", "refund", "refunded"],
  ["delivered", "refund", "refunded"],
];

const target = (from: OrderStatus, event: OrderEventType): OrderStatus | undefined =>
  DESIGN_TABLE.find(([f, e]) => f === from && e === event)?.[2];

const at = new Date("2025-03-02T00:00:00Z");
const eventOf = (id: string, type: OrderEventType): OrderEvent => ({
  id,
  type,
  at,
  actor: "tester",
  ...(type === "ship" ? { trackingNumber: `TRK-${id}` } : {}),
});

/** Shortest list of events from pending_payment to `status`, found by walking the design table. */
function pathTo(status: OrderStatus): OrderEventType[] {
  const queue: [OrderStatus, OrderEventType[]][] = [["pending_payment", []]];
  const seen = new Set<OrderStatus>(["pending_payment"]);
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const [state, path] = item;
    if (state === status) return path;
    for (const [from, event, to] of DESIGN_TABLE) {
      if (from === state && !seen.has(to)) {
        seen.add(to);
        queue.push([to, [...path, event]]);
      }
    }
  }
  throw new Error(`${status} is unreachable from pending_payment`);
}

function orderIn(status: OrderStatus): Order {
  return pathTo(status).reduce((order, type, i) => {
    const result = applyOrderEvent(order, eventOf(`setup-${i}`, type));
    if (!result.ok) throw new Error(result.error.message);
    return result.value.order;
  }, placedOrder());
}

describe("order state machine against its table", () => {
  it("ORDER_TRANSITIONS is exactly the table of DESIGN §2", () => {
    const rows = Object.entries(ORDER_TRANSITIONS).flatMap(([from, events]) =>
      Object.entries(events).map(([event, to]) => [from, event, to]),
    );
    expect(rows).toEqual(expect.arrayContaining(DESIGN_TABLE.map((row) => [...row])));
    expect(rows).toHaveLength(DESIGN_TABLE.length);
  });

  it.each(DESIGN_TABLE.map(([from, event, to]) => ({ from, event, to })))(
    "reaches $from and applies $event → $to",
    ({ from, event, to }) => {
      const order = orderIn(from);
      expect(order.status).toBe(from);
      const result = applyOrderEvent(order, eventOf("the-event", event));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.order.status).toBe(to);
      expect(result.value.order.version).toBe(order.version + 1);
      expect(result.value.order.history.at(-1)).toEqual({ eventId: "the-event", from, to, event, at, actor: "tester" });
    },
  );

  const outside = ORDER_STATUSES.flatMap((from) =>
    ORDER_EVENT_TYPES.filter((event) => target(from, event) === undefined).map((event) => ({ from, event })),
  );

  it("covers all 6 × 7 pairs between the table and the rejections", () => {
    expect(outside.length + DESIGN_TABLE.length).toBe(ORDER_STATUSES.length * ORDER_EVENT_TYPES.length);
  });

  it.each(outside)("rejects $event from $from with order.invalid_transition", ({ from, event }) => {
    const order = orderIn(from);
    const result = applyOrderEvent(order, eventOf("the-event", event));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: "order.invalid_transition", from, event });
    expect(result.error.message).toContain(from);
    expect(result.error.message).toContain(event);
  });
});

interface Model {
  status: OrderStatus;
  version: number;
  historyLength: number;
  paymentStatus: PaymentStatus;
  attempts: number;
  trackingNumber: string | null;
  usedIds: string[];
  nextId: number;
}
interface Real {
  order: Order;
}

function expectedPayment(model: Model, event: OrderEventType): { status: PaymentStatus; attempts: number } {
  if (event === "payment_succeeded") return { status: "succeeded", attempts: model.attempts };
  if (event === "payment_failed") return { status: "failed", attempts: model.attempts + 1 };
  if (event === "refund" || (event === "cancel" && model.status === "paid")) return { status: "refunded", attempts: model.attempts };
  return { status: model.paymentStatus, attempts: model.attempts };
}

/** A new event with a fresh id; ship carries a tracking number unless `withoutTracking`. */
class ApplyEvent implements fc.Command<Model, Real> {
  constructor(
    readonly type: OrderEventType,
    readonly withoutTracking: boolean,
  ) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const id = `evt-${model.nextId++}`;
    const tracking = this.type === "ship" && !this.withoutTracking ? { trackingNumber: `TRK-${id}` } : {};
    const result = applyOrderEvent(real.order, { id, type: this.type, at, actor: "tester", ...tracking });
    const to = target(model.status, this.type);
    if (to === undefined) {
      expect(result).toMatchObject({ ok: false, error: { code: "order.invalid_transition", from: model.status, event: this.type } });
      return;
    }
    if (this.type === "ship" && this.withoutTracking) {
      expect(result).toMatchObject({ ok: false, error: { code: "request.invalid", errors: [{ path: "trackingNumber" }] } });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const payment = expectedPayment(model, this.type);
    model.status = to;
    model.version += 1;
    model.historyLength += 1;
    model.paymentStatus = payment.status;
    model.attempts = payment.attempts;
    if (this.type === "ship") model.trackingNumber = `TRK-${id}`;
    model.usedIds.push(id);
    real.order = result.value.order;
    expect(result.value.changed).toBe(true);
    expect(real.order).toMatchObject({
      status: model.status,
      version: model.version,
      trackingNumber: model.trackingNumber,
      payment: { status: model.paymentStatus, attempts: model.attempts },
    });
    expect(real.order.history).toHaveLength(model.historyLength);
  }
  toString = () => `apply(${this.type}${this.withoutTracking ? ", no tracking" : ""})`;
}

/** The same event id delivered again (a retried webhook or request): nothing changes. */
class ReplayEvent implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly type: OrderEventType,
  ) {}
  check = (model: Readonly<Model>) => model.usedIds.length > 0;
  run(model: Model, real: Real): void {
    const id = model.usedIds[this.pick % model.usedIds.length]!;
    const before = real.order;
    const result = applyOrderEvent(before, eventOf(id, this.type));
    expect(result).toEqual({ ok: true, value: { order: before, changed: false } });
    expect(result.ok && result.value.order).toBe(before);
  }
  toString = () => `replay(#${this.pick}, ${this.type})`;
}

describe("order state machine (model-based)", () => {
  it("follows the table, records history and ignores repeated event ids", () => {
    const eventType = fc.constantFrom(...ORDER_EVENT_TYPES);
    const commands = [
      fc.tuple(eventType, fc.boolean()).map(([type, noTracking]) => new ApplyEvent(type, noTracking)),
      fc.tuple(fc.nat(), eventType).map(([pick, type]) => new ReplayEvent(pick, type)),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const order = placedOrder();
        const model: Model = {
          status: order.status,
          version: order.version,
          historyLength: 0,
          paymentStatus: order.payment.status,
          attempts: order.payment.attempts,
          trackingNumber: null,
          usedIds: [],
          nextId: 0,
        };
        fc.modelRun(() => ({ model, real: { order } }), cmds);
      }),
    );
  });
});
