import { ConfirmPayment, DEFAULT_SETTINGS, ExpireReservations, PlaceOrder, type Address, type ShopSettings } from "@emporium/domain";
import { FixedClock } from "../../memory/fixed-clock.js";
import { UlidIdGenerator } from "../../memory/ulid-id-generator.js";
import { SimulatedPaymentGateway, SIMULATED_CARD_VISA } from "../../payments/simulated/simulated-payment-gateway.js";
import type { SqlPersistence } from "../../sql/create-sql-persistence.js";

/** When every shopper's clock stands: orders placed now expire `RESERVATION_TTL_SECONDS` later. */
export const SHOP_OPENS_AT = "2025-03-01T10:00:00.000Z";
export const RESERVATION_TTL_SECONDS = 900;

export const SHIPPING_ADDRESS: Address = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};

const SETTINGS: ShopSettings = { ...DEFAULT_SETTINGS, reservationTtlSeconds: RESERVATION_TTL_SECONDS };

/** What the use cases of one shopper (a worker thread, or the test process itself) run on. */
export class ShopContext {
  readonly clock = new FixedClock(SHOP_OPENS_AT);
  readonly ids = new UlidIdGenerator(this.clock);
  // Payments live in this object: confirm an order with the context that placed it.
  readonly payments = new SimulatedPaymentGateway(this.ids);

  constructor(readonly persistence: SqlPersistence) {}

  get deps() {
    const { uow, repos } = this.persistence;
    return { uow, repos, clock: this.clock, ids: this.ids, payments: this.payments, settings: SETTINGS };
  }
}

/** One command for a shopper; plain data, so it crosses a worker boundary as it is. */
export type ShopCommand =
  | {
      readonly op: "checkout";
      readonly customerIds: readonly string[];
      /** How many checkouts this shopper keeps in flight at once. */
      readonly parallelism: number;
      /** Also approve each placed order's payment at the provider, as a customer paying would. */
      readonly approvePayments: boolean;
    }
  | { readonly op: "confirm"; readonly orderIds: readonly string[]; readonly parallelism: number }
  | { readonly op: "sweep"; readonly now: string; readonly limit: number }
  /** The sweeper's step for each given reservation (`ExpireReservations.expire`), one after another. */
  | { readonly op: "expire"; readonly reservationIds: readonly string[]; readonly now: string };

export type CheckoutOutcome =
  | {
      readonly customerId: string;
      readonly status: "placed";
      readonly orderId: string;
      readonly reservationId: string;
      readonly quantity: number;
    }
  | { readonly customerId: string; readonly status: "refused"; readonly code: string }
  | { readonly customerId: string; readonly status: "threw"; readonly message: string };

export type ConfirmOutcome =
  | { readonly orderId: string; readonly status: "paid" | "refunded" | "unchanged" }
  | { readonly orderId: string; readonly status: "refused"; readonly code: string }
  | { readonly orderId: string; readonly status: "threw"; readonly message: string };

export type SweepOutcome = { readonly status: "swept"; readonly expired: number } | { readonly status: "threw"; readonly message: string };

export type ShopReply<C extends ShopCommand> = C["op"] extends "checkout"
  ? CheckoutOutcome[]
  : C["op"] extends "confirm"
    ? ConfirmOutcome[]
    : SweepOutcome;

/** Runs one command against the shopper's store. Failures come back as outcomes, so one bad call cannot hide the others. */
export async function runShopCommand<C extends ShopCommand>(context: ShopContext, command: C): Promise<ShopReply<C>> {
  switch (command.op) {
    case "checkout":
      return (await inParallel(command.customerIds, command.parallelism, (id) =>
        checkout(context, id, command.approvePayments),
      )) as ShopReply<C>;
    case "confirm":
      return (await inParallel(command.orderIds, command.parallelism, (id) => confirm(context, id))) as ShopReply<C>;
    case "sweep":
      return (await sweep(context, new Date(command.now), command.limit)) as ShopReply<C>;
    case "expire":
      return (await expire(context, command.reservationIds, new Date(command.now))) as ShopReply<C>;
  }
}

async function checkout(context: ShopContext, customerId: string, approvePayment: boolean): Promise<CheckoutOutcome> {
  try {
    const placed = await new PlaceOrder(context.deps).execute({ customerId, shippingAddress: SHIPPING_ADDRESS });
    if (!placed.ok) return { customerId, status: "refused", code: placed.error.code };
    const order = placed.value;
    if (approvePayment) {
      const approved = await context.payments.confirm(order.payment.paymentId, SIMULATED_CARD_VISA);
      if (!approved.ok) return { customerId, status: "refused", code: approved.error.code };
    }
    const quantity = order.lines.reduce((sum, line) => sum + line.quantity, 0);
    return { customerId, status: "placed", orderId: order.id, reservationId: order.reservationId, quantity };
  } catch (error) {
    return { customerId, status: "threw", message: errorText(error) };
  }
}

async function confirm(context: ShopContext, orderId: string): Promise<ConfirmOutcome> {
  try {
    const confirmed = await new ConfirmPayment(context.deps).execute({ orderId, eventId: `evt-${orderId}` });
    return confirmed.ok ? { orderId, status: confirmed.value.outcome } : { orderId, status: "refused", code: confirmed.error.code };
  } catch (error) {
    return { orderId, status: "threw", message: errorText(error) };
  }
}

async function expire(context: ShopContext, reservationIds: readonly string[], now: Date): Promise<SweepOutcome> {
  try {
    const sweeper = new ExpireReservations(context.deps);
    let expired = 0;
    for (const id of reservationIds) if (await sweeper.expire(id, now)) expired += 1;
    return { status: "swept", expired };
  } catch (error) {
    return { status: "threw", message: errorText(error) };
  }
}

async function sweep(context: ShopContext, now: Date, limit: number): Promise<SweepOutcome> {
  try {
    const swept = await new ExpireReservations(context.deps).execute({ now, limit });
    return { status: "swept", expired: swept.ok ? swept.value.expired : 0 };
  } catch (error) {
    return { status: "threw", message: errorText(error) };
  }
}

/** Maps `items` through `task`, at most `parallelism` at a time, keeping their order. */
async function inParallel<T, R>(items: readonly T[], parallelism: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallelism, items.length)) }, lane));
  return results;
}

const errorText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name} ${code}: ${error.message}` : `${error.name}: ${error.message}`;
};
