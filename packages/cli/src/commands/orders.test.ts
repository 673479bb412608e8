import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Tokens } from "@emporium/adapters";
import type { Order } from "@emporium/domain";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../exit-codes.js";
import { cliTargets, placeOrder, type CliShop } from "../test-support/cli-shop.js";

for (const target of cliTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`emporium orders on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let shop: CliShop;
    let shipped: Order;
    let unpaid: Order;
    let paid: Order;
    const onHand = async (sku: string) => {
      const [level] = await (await shop.container()).get(Tokens.Repositories).inventory.findManyBySkus([sku]);
      return level;
    };

    beforeAll(async () => {
      shop = await target.open();
      const file = join(shop.dir, "shop.csv");
      writeFileSync(file, "sku,product,name,price,stock\nLAMP-1,desk-lamp,Desk Lamp,30.00,10\n");
      expect((await shop.run(["import", "products", file])).code).toBe(ExitCode.ok);
      const container = await shop.container();
      shipped = await placeOrder(container, { email: "ada@example.com", sku: "LAMP-1", quantity: 2 });
      unpaid = await placeOrder(container, { email: "bob@example.com", sku: "LAMP-1", quantity: 1, pay: false });
      paid = await placeOrder(container, { email: "cy@example.com", sku: "LAMP-1", quantity: 3 });
    });
    afterAll(() => shop.close());

    it("lists orders newest first, by status, as a table or JSON", async () => {
      const table = await shop.run(["orders", "list"]);
      expect(table.code, table.stderr).toBe(ExitCode.ok);
      const lines = table.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^NUMBER\s+ID\s+STATUS\s+ITEMS\s+TOTAL\s+CUSTOMER\s+CREATED$/);
      expect(lines.slice(1).map((line) => line.split(/\s+/)[1])).toEqual([paid.id, unpaid.id, shipped.id]);
      expect(table.stdout).toMatch(new RegExp(`${unpaid.number}\\s+${unpaid.id}\\s+pending_payment\\s+1\\s+35\\.00 USD`));

      const json = JSON.parse((await shop.run(["orders", "list", "--status", "paid", "--json"])).stdout) as { id: string }[];
      expect(json.map((order) => order.id)).toEqual([paid.id, shipped.id]);
      expect(JSON.stringify(json)).not.toContain("clientSecret");
      expect((await shop.run(["orders", "list", "--status", "delivered"])).stdout).toBe("No delivered orders.\n");
      expect((await shop.run(["orders", "list", "--status", "lost"])).code).toBe(ExitCode.usage);
    });

    it("shows one order", async () => {
      const shown = await shop.run(["orders", "show", shipped.id]);
      expect(shown.stdout).toContain(`Order ${shipped.number} (id ${shipped.id}): paid`);
      expect(shown.stdout).toMatch(/LAMP-1\s+Desk Lamp\s+2\s+30\.00 USD\s+60\.00 USD/);
      expect(shown.stdout).toContain("Ship to  Ada Buyer, 1 Analytical Way, N1 7AA London, GB");
      expect(shown.stdout).toMatch(/pending_payment → paid \(payment_succeeded\)/);
      const json = JSON.parse((await shop.run(["orders", "show", shipped.id, "--json"])).stdout) as Record<string, unknown>;
      expect(json).toMatchObject({ id: shipped.id, number: shipped.number, status: "paid", totals: { subtotal: 6000 } });
      expect(await shop.run(["orders", "show", "no-such-order"])).toMatchObject({
        code: ExitCode.notFound,
        stderr: "emporium: order no-such-order was not found\n",
      });
    });

    it("ships and delivers, and mails the customer", async () => {
      expect((await shop.run(["orders", "ship", shipped.id, "--tracking", "1Z999AA10123456784"])).stdout).toBe(
        `Order ${shipped.number} is shipped (tracking 1Z999AA10123456784).\n`,
      );
      expect((await shop.run(["orders", "deliver", shipped.id])).stdout).toBe(`Order ${shipped.number} is delivered.\n`);
      const shown = JSON.parse((await shop.run(["orders", "show", shipped.id, "--json"])).stdout) as Record<string, unknown>;
      expect(shown).toMatchObject({ status: "delivered", trackingNumber: "1Z999AA10123456784" });

      const mail = JSON.parse((await shop.run(["mail", "list", "--json"])).stdout) as { to: string; template: string }[];
      expect(mail).toContainEqual(expect.objectContaining({ to: "ada@example.com", template: "shipping_notice" }));
      expect((await shop.run(["mail", "list"])).stdout).toMatch(/^ID\s+SENT\s+TO\s+TEMPLATE\s+SUBJECT$/m);
    });

    it("refunds a delivered order and restocks it, though another process took the payment", async () => {
      const before = (await onHand("LAMP-1"))!.onHand;
      expect((await shop.run(["orders", "refund", shipped.id, "--restock"])).stdout).toBe(
        `Order ${shipped.number} is refunded and its goods are back on hand.\n`,
      );
      expect((await onHand("LAMP-1"))!.onHand).toBe(before + 2);
    });

    it("refuses a transition the order state machine does not have (exit 6)", async () => {
      const result = await shop.run(["orders", "ship", unpaid.id, "--tracking", "X"]);
      expect(result.code, result.stderr).toBe(ExitCode.conflict);
      expect(result.stderr.split("\n")).toHaveLength(2);
      expect((await shop.run(["orders", "ship", unpaid.id])).code).toBe(ExitCode.usage);
    });

    it("cancels an unpaid order, releasing its reservation", async () => {
      const reservedBefore = (await onHand("LAMP-1"))!.reserved;
      expect((await shop.run(["orders", "cancel", unpaid.id])).stdout).toBe(
        `Order ${unpaid.number} is cancelled; its reserved stock is released.\n`,
      );
      expect((await onHand("LAMP-1"))!.reserved).toBe(reservedBefore - 1);
    });

    it("cancels a paid order: refunded and restocked, though another process took the payment", async () => {
      const onHandBefore = (await onHand("LAMP-1"))!.onHand;
      expect((await shop.run(["orders", "cancel", paid.id])).stdout).toBe(
        `Order ${paid.number} was paid: it is refunded and its stock is back on hand.\n`,
      );
      expect((await onHand("LAMP-1"))!.onHand).toBe(onHandBefore + 3);
    });

    it("exports orders as CSV, a row per line, and as JSONL, an order per line", async () => {
      const csv = parse((await shop.run(["export", "orders"])).stdout, { columns: true }) as Record<string, string>[];
      expect(csv).toHaveLength(3);
      expect(csv.find((row) => row["order_id"] === shipped.id)).toMatchObject({
        number: shipped.number,
        status: "refunded", // delivered, then refunded by the test above
        sku: "LAMP-1",
        quantity: "2",
        unit_price: "30.00",
        tracking_number: "1Z999AA10123456784",
        ship_country: "GB",
      });
      const jsonl = (await shop.run(["export", "orders", "--format", "jsonl", "--status", "cancelled"])).stdout.trim().split("\n");
      expect(jsonl.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([unpaid.id]);
    });

    it("reports the outbox", async () => {
      const status = JSON.parse((await shop.run(["outbox", "status", "--json"])).stdout) as Record<string, unknown>;
      expect(status).toMatchObject({ pending: expect.any(Number), delivery: "in-process" });
      // The state changes above delivered their own events; the import's are left to a server.
      await (await shop.container()).get(Tokens.OutboxProcessor).drain();
      expect((await shop.run(["outbox", "status"])).stdout).toMatch(/^The outbox is empty: every event has been delivered\./);
    });
  });
}
