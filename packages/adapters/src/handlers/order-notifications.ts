import type { Customer, DomainEvent, Message, Order, Repositories, ShopSettings } from "@emporium/domain";
import type { OnceNotifier } from "../notifications/once-notifier.js";
import { buildMessage, passwordResetUrl } from "../notifications/templates.js";
import type { EventHandlerMap } from "./event-handler-map.js";

export interface OrderNotificationsDeps {
  /** On the primary: the handler must see the write that raised the event. */
  readonly repos: Pick<Repositories, "orders" | "customers">;
  readonly notifier: OnceNotifier;
  /** Base of links in messages, e.g. `https://shop.example.com`. */
  readonly publicUrl: string;
  readonly settings: Pick<ShopSettings, "passwordResetTtlSeconds">;
}

/** Consumer names, one per queue of DESIGN §7, under which delivered events are recorded. */
export const NOTIFICATION_CONSUMERS = {
  orderConfirmation: "email.order_confirmation",
  shippingNotice: "email.shipping_notice",
  passwordReset: "email.password_reset",
  lowStock: "email.low_stock",
} as const;

const ADMIN_PAGE = 100;

/**
 * Mails what events call for: the order confirmation, the shipping notice, the password reset
 * link and low-stock alerts to every admin. Each event is sent at most once per consumer
 * (OnceNotifier), so a redelivered event mails nobody twice. An event whose order or
 * customer is gone sends nothing.
 */
export class OrderNotifications {
  constructor(private readonly deps: OrderNotificationsDeps) {}

  handlers(): EventHandlerMap {
    return {
      "order.placed": (event) => this.orderConfirmation(event),
      "order.shipped": (event) => this.shippingNotice(event),
      "password_reset.requested": (event) => this.passwordReset(event),
      "stock.low": (event) => this.lowStock(event),
    };
  }

  private async orderConfirmation(event: DomainEvent): Promise<void> {
    const found = await this.orderAndCustomer(event);
    if (found === null) return;
    const { order, customer } = found;
    const message = buildMessage("order_confirmation", customer.email, {
      orderNumber: order.number,
      customerName: customer.name,
      currency: order.currency,
      lines: order.lines.map(({ name, sku, options, quantity, unitPrice, total }) => ({ name, sku, options, quantity, unitPrice, total })),
      totals: order.totals,
      shippingAddress: order.shippingAddress,
    });
    await this.send(NOTIFICATION_CONSUMERS.orderConfirmation, event, [message]);
  }

  private async shippingNotice(event: DomainEvent): Promise<void> {
    const found = await this.orderAndCustomer(event);
    if (found === null) return;
    const { order, customer } = found;
    const tracking = order.trackingNumber ?? stringField(event, "trackingNumber");
    if (tracking === null) throw new Error(`order ${order.id} was shipped without a tracking number`);
    const message = buildMessage("shipping_notice", customer.email, {
      orderNumber: order.number,
      customerName: customer.name,
      trackingNumber: tracking,
    });
    await this.send(NOTIFICATION_CONSUMERS.shippingNotice, event, [message]);
  }

  private async passwordReset(event: DomainEvent): Promise<void> {
    const token = stringField(event, "token");
    const email = stringField(event, "email");
    const customerId = stringField(event, "customerId");
    if (token === null || email === null) return;
    const customer = customerId === null ? null : await this.deps.repos.customers.findById(customerId);
    const message = buildMessage("password_reset", email, {
      customerName: customer?.name ?? email,
      token,
      resetUrl: passwordResetUrl(this.deps.publicUrl, token),
      expiresInMinutes: Math.round(this.deps.settings.passwordResetTtlSeconds / 60),
    });
    await this.send(NOTIFICATION_CONSUMERS.passwordReset, event, [message]);
  }

  private async lowStock(event: DomainEvent): Promise<void> {
    const sku = stringField(event, "sku");
    if (sku === null) return;
    const figure = (name: string) => (typeof event.payload[name] === "number" ? (event.payload[name] as number) : 0);
    const data = { sku, onHand: figure("onHand"), reserved: figure("reserved"), available: figure("available") };
    const admins = await this.admins();
    await this.send(
      NOTIFICATION_CONSUMERS.lowStock,
      event,
      admins.map((admin) => buildMessage("low_stock", admin.email, data)),
    );
  }

  private async send(consumer: string, event: DomainEvent, messages: readonly Message[]): Promise<void> {
    await this.deps.notifier.sendOnce(consumer, event.id, messages);
  }

  private async orderAndCustomer(event: DomainEvent): Promise<{ order: Order; customer: Customer } | null> {
    const orderId = stringField(event, "orderId");
    const order = orderId === null ? null : await this.deps.repos.orders.findById(orderId);
    if (order === null) return null;
    const customer = await this.deps.repos.customers.findById(order.customerId);
    return customer === null ? null : { order, customer };
  }

  // The customer repository has no role filter; admins are few and stock alerts rare.
  private async admins(): Promise<Customer[]> {
    const admins: Customer[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.deps.repos.customers.list({ limit: ADMIN_PAGE, cursor });
      admins.push(...page.items.filter((customer) => customer.role === "admin" && !customer.disabled));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return admins;
  }
}

function stringField(event: DomainEvent, name: string): string | null {
  const value = event.payload[name];
  return typeof value === "string" && value !== "" ? value : null;
}
