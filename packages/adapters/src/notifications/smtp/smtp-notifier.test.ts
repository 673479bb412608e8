import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempSqlite, type TempSqlite } from "../../container/test-support/sqlite-file.js";
import { createSqlPersistence, type SqlPersistence } from "../../sql/create-sql-persistence.js";
import { buildMessage, passwordResetUrl } from "../templates.js";
import { SmtpNotifier } from "./smtp-notifier.js";
import { SmtpSink } from "./test-support/smtp-sink.js";

const FROM = "Emporium <shop@example.com>";

const confirmation = (to: string) =>
  buildMessage("order_confirmation", to, {
    orderNumber: "EM-000042",
    customerName: "Ada <Admin> Lovelace",
    currency: "EUR",
    lines: [{ name: "Classic Tee", sku: "TEE-M", options: { size: "M" }, quantity: 2, unitPrice: 1999, total: 3998 }],
    totals: { subtotal: 3998, discount: 400, tax: 0, shipping: 500, total: 4098 },
    shippingAddress: { name: "Ada Lovelace", line1: "1 Rue de Rivoli", city: "Paris", postalCode: "75001", country: "FR" },
  });

describe("SmtpNotifier", () => {
  let sink: SmtpSink;
  let sqlite: TempSqlite;
  let persistence: SqlPersistence;
  let logged: { fields: Record<string, unknown>; message: string }[];
  let notifier: SmtpNotifier;

  const smtpNotifier = (url: string) =>
    new SmtpNotifier({
      url,
      from: FROM,
      db: persistence.database.db,
      processedEvents: persistence.processedEvents,
      log: (fields, message) => logged.push({ fields, message }),
    });
  const recorded = (consumer: string, eventId: string) => persistence.processedEvents.has(persistence.database.db, consumer, eventId);

  beforeEach(async () => {
    sink = await SmtpSink.start();
    sqlite = tempSqlite();
    persistence = await createSqlPersistence({ url: sqlite.url });
    logged = [];
    notifier = smtpNotifier(sink.url);
  });
  afterEach(async () => {
    notifier.close();
    await sink.close();
    await persistence.close();
    sqlite.remove();
  });

  it("mails the order confirmation with its lines, totals and address as text and HTML", async () => {
    await notifier.send(confirmation("ada@example.com"));

    const [mail] = sink.to("ada@example.com");
    expect(mail).toMatchObject({ envelopeFrom: "shop@example.com", envelopeTo: ["ada@example.com"] });
    expect(mail!.headers).toMatchObject({ from: FROM, to: "ada@example.com", subject: "Order EM-000042 confirmed" });
    expect(mail!.headers["content-type"]).toMatch(/^multipart\/alternative/);
    expect(mail!.text).toContain("2 × Classic Tee (size: M) [TEE-M] at 19.99 EUR: 39.98 EUR");
    expect(mail!.text).toContain("Discount: -4.00 EUR");
    expect(mail!.text).toContain("Total: 40.98 EUR");
    expect(mail!.text).toContain("Shipping to:\nAda Lovelace\n1 Rue de Rivoli\n75001 Paris\nFR");
    expect(mail!.html).toContain("Ada &#60;Admin&#62; Lovelace");
    expect(mail!.html).toContain("<td>Classic Tee (size: M)</td>");
    expect(logged).toEqual([
      {
        fields: expect.objectContaining({ to: "ada@example.com", template: "order_confirmation", subject: "Order EM-000042 confirmed" }),
        message: "notification mailed over SMTP",
      },
    ]);
  });

  it("mails the shipping notice, the password reset link and low-stock alerts", async () => {
    const resetUrl = passwordResetUrl("https://shop.example.com", "tok+en/1");
    await notifier.send(
      buildMessage("shipping_notice", "ada@example.com", { orderNumber: "EM-7", customerName: "Ada", trackingNumber: "1Z999" }),
    );
    await notifier.send(
      buildMessage("password_reset", "ada@example.com", { customerName: "Ada", token: "tok+en/1", resetUrl, expiresInMinutes: 30 }),
    );
    const alert = { sku: "MUG", onHand: 3, reserved: 2, available: 1 };
    await notifier.sendOnce("email.low_stock", "evt-low", [
      buildMessage("low_stock", "boss@example.com", alert),
      buildMessage("low_stock", "ops@example.com", alert),
    ]);

    const [shipping, reset] = sink.to("ada@example.com");
    expect(shipping!.headers["subject"]).toBe("Order EM-7 has shipped");
    expect(shipping!.text).toContain("Tracking number: 1Z999");
    expect(reset!.headers["subject"]).toBe("Reset your password");
    expect(reset!.text).toContain(resetUrl);
    expect(reset!.html).toContain(`href="${resetUrl}"`);
    expect(sink.to("boss@example.com")[0]!.text).toBe("SKU MUG is low on stock: available 1 (on hand 3, reserved 2).");
    expect(sink.to("ops@example.com")).toHaveLength(1);
    // The reset link is a live credential: it never reaches the log.
    expect(JSON.stringify(logged)).not.toContain("tok");
  });

  it("sends an event's messages once per consumer", async () => {
    expect(await notifier.sendOnce("email.order_confirmation", "evt-1", [confirmation("ada@example.com")])).toBe(true);
    expect(await notifier.sendOnce("email.order_confirmation", "evt-1", [confirmation("ada@example.com")])).toBe(false);
    expect(await notifier.sendOnce("email.audit_copy", "evt-1", [confirmation("audit@example.com")])).toBe(true);

    expect(sink.to("ada@example.com")).toHaveLength(1);
    expect(sink.to("audit@example.com")).toHaveLength(1);
    expect(await recorded("email.order_confirmation", "evt-1")).toBe(true);
  });

  it("records nothing when the mail server is down, so the redelivered event is mailed", async () => {
    const down = await SmtpSink.start();
    const downUrl = down.url;
    await down.close();
    const failing = smtpNotifier(downUrl);

    await expect(failing.sendOnce("email.order_confirmation", "evt-2", [confirmation("ada@example.com")])).rejects.toThrow();
    failing.close();
    expect(await recorded("email.order_confirmation", "evt-2")).toBe(false);

    expect(await notifier.sendOnce("email.order_confirmation", "evt-2", [confirmation("ada@example.com")])).toBe(true);
    expect(sink.to("ada@example.com")).toHaveLength(1);
  });
});
