import { formatMajorUnits, type Address, type Message, type MessageTemplate, type Totals } from "@emporium/domain";

/** A message ready for a mail transport. */
export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface OrderConfirmationData {
  readonly orderNumber: string;
  readonly customerName: string;
  readonly currency: string;
  readonly lines: readonly {
    readonly name: string;
    readonly sku: string;
    readonly options: Readonly<Record<string, string>>;
    readonly quantity: number;
    readonly unitPrice: number;
    readonly total: number;
  }[];
  readonly totals: Totals;
  readonly shippingAddress: Address;
}

export interface ShippingNoticeData {
  readonly orderNumber: string;
  readonly customerName: string;
  readonly trackingNumber: string;
}

export interface PasswordResetData {
  readonly customerName: string;
  readonly token: string;
  /** The page that takes the token, with the token in its query string. */
  readonly resetUrl: string;
  readonly expiresInMinutes: number;
}

export interface LowStockData {
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
}

/** The data each template needs; a message's `data` is exactly this, so any transport can render it again. */
export interface TemplateData {
  readonly order_confirmation: OrderConfirmationData;
  readonly shipping_notice: ShippingNoticeData;
  readonly password_reset: PasswordResetData;
  readonly low_stock: LowStockData;
}

const RENDERERS: { readonly [K in MessageTemplate]: (data: TemplateData[K]) => RenderedMessage } = {
  order_confirmation: renderOrderConfirmation,
  shipping_notice: renderShippingNotice,
  password_reset: renderPasswordReset,
  low_stock: renderLowStock,
};

/** Builds the message a handler hands to the Notifier: the subject is rendered now, the body by the transport. */
export function buildMessage<K extends MessageTemplate>(template: K, to: string, data: TemplateData[K]): Message {
  return { to, template, subject: RENDERERS[template](data).subject, data: { ...data } };
}

/** Renders a message built by `buildMessage`. */
export function renderMessage(message: Pick<Message, "template" | "data">): RenderedMessage {
  const render = RENDERERS[message.template] as (data: unknown) => RenderedMessage;
  return render(message.data);
}

/** `https://shop.example.com/password-reset?token=…`: the page that asks for the new password. */
export function passwordResetUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/password-reset?token=${encodeURIComponent(token)}`;
}

export function renderOrderConfirmation(data: OrderConfirmationData): RenderedMessage {
  const money = (amount: number) => `${formatMajorUnits(amount, data.currency)} ${data.currency}`;
  const lineText = (line: OrderConfirmationData["lines"][number]) => {
    const options = Object.entries(line.options).map(([name, value]) => `${name}: ${value}`);
    const label = options.length > 0 ? `${line.name} (${options.join(", ")})` : line.name;
    return { label, sku: line.sku, quantity: line.quantity, unit: money(line.unitPrice), total: money(line.total) };
  };
  const lines = data.lines.map(lineText);
  const totals: [string, number][] = [
    ["Subtotal", data.totals.subtotal],
    ["Discount", -data.totals.discount],
    ["Tax", data.totals.tax],
    ["Shipping", data.totals.shipping],
    ["Total", data.totals.total],
  ];
  const address = addressLines(data.shippingAddress);
  const text = [
    `Hello ${data.customerName},`,
    "",
    `thank you for your order ${data.orderNumber}.`,
    "",
    ...lines.map((l) => `${l.quantity} × ${l.label} [${l.sku}] at ${l.unit}: ${l.total}`),
    "",
    ...totals.map(([label, amount]) => `${label}: ${money(amount)}`),
    "",
    "Shipping to:",
    ...address,
  ].join("\n");
  const html = [
    `<p>Hello ${escapeHtml(data.customerName)},</p>`,
    `<p>thank you for your order <strong>${escapeHtml(data.orderNumber)}</strong>.</p>`,
    "<table>",
    "<tr><th>Item</th><th>SKU</th><th>Qty</th><th>Unit price</th><th>Total</th></tr>",
    ...lines.map(
      (l) =>
        `<tr><td>${escapeHtml(l.label)}</td><td>${escapeHtml(l.sku)}</td><td>${l.quantity}</td><td>${escapeHtml(l.unit)}</td><td>${escapeHtml(l.total)}</td></tr>`,
    ),
    "</table>",
    "<table>",
    ...totals.map(([label, amount]) => `<tr><th>${label}</th><td>${escapeHtml(money(amount))}</td></tr>`),
    "</table>",
    `<p>Shipping to:<br>${address.map(escapeHtml).join("<br>")}</p>`,
  ].join("\n");
  return { subject: `Order ${data.orderNumber} confirmed`, text, html };
}

export function renderShippingNotice(data: ShippingNoticeData): RenderedMessage {
  return {
    subject: `Order ${data.orderNumber} has shipped`,
    text: [
      `Hello ${data.customerName},`,
      "",
      `your order ${data.orderNumber} is on its way.`,
      `Tracking number: ${data.trackingNumber}`,
    ].join("\n"),
    html: [
      `<p>Hello ${escapeHtml(data.customerName)},</p>`,
      `<p>your order <strong>${escapeHtml(data.orderNumber)}</strong> is on its way.</p>`,
      `<p>Tracking number: <strong>${escapeHtml(data.trackingNumber)}</strong></p>`,
    ].join("\n"),
  };
}

export function renderPasswordReset(data: PasswordResetData): RenderedMessage {
  const validity = `The link works once, for ${data.expiresInMinutes} minutes. If you did not ask for it, ignore this message.`;
  return {
    subject: "Reset your password",
    text: [`Hello ${data.customerName},`, "", "to choose a new password, open:", data.resetUrl, "", validity].join("\n"),
    html: [
      `<p>Hello ${escapeHtml(data.customerName)},</p>`,
      `<p>to choose a new password, open <a href="${escapeHtml(data.resetUrl)}">${escapeHtml(data.resetUrl)}</a>.</p>`,
      `<p>${escapeHtml(validity)}</p>`,
    ].join("\n"),
  };
}

export function renderLowStock(data: LowStockData): RenderedMessage {
  const figures = `available ${data.available} (on hand ${data.onHand}, reserved ${data.reserved})`;
  return {
    subject: `Low stock: ${data.sku}`,
    text: `SKU ${data.sku} is low on stock: ${figures}.`,
    html: `<p>SKU <strong>${escapeHtml(data.sku)}</strong> is low on stock: ${escapeHtml(figures)}.</p>`,
  };
}

function addressLines(address: Address): string[] {
  const cityLine = [address.postalCode, address.city, address.region ?? ""].filter((part) => part !== "").join(" ");
  return [address.name, address.line1, address.line2 ?? "", cityLine, address.country].filter((line) => line !== "");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
