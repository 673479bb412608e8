import { createEvent, err, type Actor, type DomainEvent } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContainer, type EmporiumContainer } from "./create-container.js";
import { tempSqlite, type TempSqlite } from "./test-support/sqlite-file.js";
import { Tokens } from "./tokens.js";

const ADMIN: Actor = { id: "admin-1", role: "admin" };
const ADDRESS = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" };

// One container over one SQLite file, driven the way the embedded host drives it, with the
// outbox drained by hand instead of on a timer.
describe("in-process event delivery (SQLite)", () => {
  let sqlite: TempSqlite;
  let app: EmporiumContainer;
  const drain = () => app.get(Tokens.OutboxProcessor).drain();
  const mailbox = async () => (await app.get(Tokens.Mailbox).list({ limit: 100 })).items;
  const search = (q: string) => app.get(Tokens.SearchIndex).search({ q, page: 1, limit: 10 });

  beforeAll(async () => {
    sqlite = tempSqlite();
    app = await createContainer(sqlite.config(), { publicUrl: "https://shop.example.com/" });
  });
  afterAll(async () => {
    await app?.close();
    sqlite?.remove();
  });

  async function register(email: string): Promise<string> {
    const result = await app.useCase("RegisterCustomer").execute({ email, password: "correct horse battery", name: email.split("@")[0]! });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.customer.id;
  }

  async function createProduct(name: string, sku: string, stock: number): Promise<string> {
    const result = await app
      .useCase("CreateProduct")
      .execute({ actor: ADMIN, name, variants: [{ sku, price: 2500, stock, lowStockThreshold: 2 }] });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.id;
  }

  it("mails the password reset link with its token, once", async () => {
    await register("reset@example.com");
    await app.useCase("RequestPasswordReset").execute({ email: "reset@example.com" });
    await drain();
    await drain();

    const resets = (await mailbox()).filter((m) => m.template === "password_reset");
    expect(resets).toHaveLength(1);
    const [reset] = resets;
    const token = reset!.data["token"] as string;
    expect(reset!.to).toBe("reset@example.com");
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(reset!.data["resetUrl"]).toBe(`https://shop.example.com/password-reset?token=${encodeURIComponent(token)}`);
    expect((reset!.data["body"] as { text: string }).text).toContain(reset!.data["resetUrl"] as string);

    // The mailed token is the real one: it sets a new password.
    const confirmed = await app.useCase("ConfirmPasswordReset").execute({ token, newPassword: "a brand new passphrase" });
    expect(confirmed.ok).toBe(true);
  });

  it("indexes a created product and removes it once archived", async () => {
    const productId = await createProduct("Brass Desk Lamp", "LAMP-BRASS", 10);
    expect((await search("brass lamp")).hits).toEqual([]);
    await drain();
    expect((await search("brass lamp")).hits.map((h) => h.productId)).toEqual([productId]);

    const archived = await app.useCase("ArchiveProduct").execute({ actor: ADMIN, productId });
    expect(archived.ok).toBe(true);
    await drain();
    expect((await search("brass lamp")).hits).toEqual([]);
  });

  it("confirms a placed order by mail, and sends the shipping notice and low-stock alerts", async () => {
    const admin = await app.useCase("CreateAdmin").execute({ email: "boss@example.com", password: "correct horse battery", name: "Boss" });
    expect(admin.ok).toBe(true);
    const customerId = await register("buyer@example.com");
    await createProduct("Walnut Tray", "TRAY-WALNUT", 4);
    await drain();

    expect((await app.useCase("AddCartItem").execute({ customerId, sku: "TRAY-WALNUT", quantity: 3 })).ok).toBe(true);
    const placed = await app.useCase("PlaceOrder").execute({ customerId, shippingAddress: ADDRESS });
    if (!placed.ok) throw new Error(placed.error.message);
    const order = placed.value;
    await drain();

    const confirmation = (await mailbox()).find((m) => m.template === "order_confirmation");
    expect(confirmation?.to).toBe("buyer@example.com");
    expect(confirmation?.subject).toBe(`Order ${order.number} confirmed`);
    expect(confirmation?.data).toMatchObject({ orderNumber: order.number, lines: [{ sku: "TRAY-WALNUT", quantity: 3, unitPrice: 2500 }] });
    expect((confirmation?.data["body"] as { text: string }).text).toContain("SW1Y 4JH");

    // Three of four held leaves one available, under the threshold of two: every admin hears of it.
    const alerts = (await mailbox()).filter((m) => m.template === "low_stock");
    expect(alerts.map((m) => [m.to, m.data["sku"], m.data["available"]])).toEqual([["boss@example.com", "TRAY-WALNUT", 1]]);

    const paid = await app.useCase("PayOrder").execute({ orderId: order.id, customerId, paymentMethod: "pm_card_visa" });
    expect(paid.ok).toBe(true);
    const shipped = await app.useCase("ShipOrder").execute({ actor: ADMIN, orderId: order.id, trackingNumber: "1Z999AA10123456784" });
    expect(shipped.ok).toBe(true);
    await drain();

    const notice = (await mailbox()).find((m) => m.template === "shipping_notice");
    expect(notice).toMatchObject({ to: "buyer@example.com", data: { orderNumber: order.number, trackingNumber: "1Z999AA10123456784" } });
    expect((await app.get(Tokens.OutboxRelay).status()).pending).toBe(0);
  });

  it("publishes nothing from a rolled-back unit of work", async () => {
    await drain();
    const seen: DomainEvent[] = [];
    const unsubscribe = app.get(Tokens.InProcessDispatcher).on("*", async (event) => {
      seen.push(event);
    });
    try {
      const event = createEvent("product.changed", { productId: "never-committed" }, { id: "evt-rolled-back", now: new Date() });
      const result = await app.get(Tokens.UnitOfWork).run(async (tx) => {
        await tx.outbox.append([event]);
        return err({ code: "request.invalid", message: "changed my mind", errors: [] });
      });
      expect(result.ok).toBe(false);
      await drain();
      expect(seen.map((e) => e.id)).not.toContain("evt-rolled-back");
      expect((await app.get(Tokens.OutboxRelay).status()).pending).toBe(0);

      // The same event committed is delivered: the listener is live.
      await app.get(Tokens.Repositories).outbox.append([{ ...event, id: "evt-committed" }]);
      await drain();
      expect(seen.map((e) => e.id)).toEqual(["evt-committed"]);
    } finally {
      unsubscribe();
    }
  });

  it("delivers on its own once the background jobs run", async () => {
    const delivered = new Promise<string>((resolve) => {
      const unsubscribe = app.get(Tokens.InProcessDispatcher).on("customer.registered", async (event) => {
        unsubscribe();
        resolve(event.payload["email"] as string);
      });
    });
    app.startBackgroundJobs({ outboxIntervalMs: 10 });
    try {
      await register("background@example.com");
      expect(await delivered).toBe("background@example.com");
    } finally {
      await app.stopBackgroundJobs();
    }
  });
});
