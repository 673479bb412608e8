import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReportShop, type ReportShop } from "../application-tests/test-support/report-shop.js";
import { KyselyCustomerStats } from "./kysely-customer-stats.js";
import type { SqlPersistence } from "./create-sql-persistence.js";
import { migrateTo, migrateToLatest } from "./migrate.js";
import { migrations } from "./migrations/index.js";
import { createDatabaseRoles } from "./postgres-roles.js";
import { postgresUnavailable } from "./test-support/postgres.js";
import { sqlTargets } from "./test-support/sql-targets.js";

const MONDAY = new Date("2025-03-03T00:00:00.000Z");

for (const target of sqlTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`analytics consumers on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let persistence: SqlPersistence;
    let shop: ReportShop;
    beforeAll(async () => {
      persistence = await target.open();
      shop = await seedReportShop(persistence, MONDAY);
      await shop.drain();
    }, 60_000);
    afterAll(() => persistence?.close());

    const stats = () =>
      persistence.database.db
        .selectFrom("customer_stats")
        .select(["customer_id", "orders", "revenue", "refunds", "refunded_amount", "lifetime_value"])
        .orderBy("customer_id")
        .execute()
        .then((rows) => rows.map((row) => Object.values(row).map((v) => (typeof v === "string" ? v : Number(v)))));
    const pairs = () =>
      persistence.database.db
        .selectFrom("product_pairs")
        .select(["product_id", "other_id", "orders"])
        .orderBy("product_id")
        .orderBy("other_id")
        .execute()
        .then((rows) => rows.map((row) => [row.product_id, row.other_id, Number(row.orders)]));

    it("keep each paying customer's lifetime value from their paid and refunded orders", async () => {
      const { alice, bob, erin } = shop.customers;
      expect(await stats()).toEqual([
        [alice.id, 2, 7500, 1, 2500, 5000],
        [bob.id, 2, 4000, 1, 2500, 1500],
        [erin.id, 1, 3500, 0, 0, 3500],
      ]);
    });

    it("count each pair of products once per paid order, both ways", async () => {
      const { tee, mug, poster } = shop.products;
      // O1 had TEE and MUG, O5 TEE and POSTER; O3 and O2 had one product each.
      expect(await pairs()).toEqual(
        [
          [tee, mug, 1],
          [mug, tee, 1],
          [tee, poster, 1],
          [poster, tee, 1],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
      );
    });

    it("change nothing when the events are delivered again, in any order", async () => {
      const before = { stats: await stats(), pairs: await pairs() };
      const events = await persistence.database.db.selectFrom("outbox").select(["id", "type", "payload"]).orderBy("seq", "desc").execute();
      await persistence.database.db.updateTable("outbox").set({ sent_at: null }).execute();
      await shop.drain();
      const customerStats = new KyselyCustomerStats(persistence.database.db, persistence.database.dialect);
      for (const event of events.filter((e) => e.type === "order.refunded")) {
        const payload = (typeof event.payload === "string" ? JSON.parse(event.payload) : event.payload) as { customerId: string };
        await customerStats.recompute(payload.customerId, shop.now);
      }
      expect({ stats: await stats(), pairs: await pairs() }).toEqual(before);
    });

    it("are filled from the orders already placed when their migrations run on an existing shop", async () => {
      const before = { stats: await stats(), pairs: await pairs() };
      const names = Object.keys(migrations(persistence.database.dialect));
      const previous = names[names.indexOf("0014-analytics") - 1]!;
      await migrateTo(persistence.database.db, previous);
      // As in a shop that ran before the consumer existed: its events were never recorded.
      await persistence.database.db.deleteFrom("processed_events").where("consumer", "=", "recommendations.update").execute();
      await migrateToLatest(persistence.database.db);
      expect({ stats: await stats(), pairs: await pairs() }).toEqual(before);
      // The paid orders' events are marked as seen, so a late delivery does not count them again.
      await persistence.database.db.updateTable("outbox").set({ sent_at: null }).execute();
      await shop.drain();
      expect(await pairs()).toEqual(before.pairs);
    });
  });
}

const pgReason = await postgresUnavailable();

describe.skipIf(pgReason !== null)(`report snapshots and database roles${pgReason === null ? "" : ` (skipped: ${pgReason})`}`, () => {
  const names = { appRole: `test_app_${randomBytes(4).toString("hex")}`, reportRole: `test_report_${randomBytes(4).toString("hex")}` };
  let persistence: SqlPersistence;
  beforeAll(async () => {
    persistence = await sqlTargets()[1]!.open();
    await createDatabaseRoles(persistence.database.db, names);
  });
  afterAll(async () => {
    for (const role of [names.appRole, names.reportRole]) {
      await sql`drop owned by ${sql.raw(role)}`.execute(persistence.database.db);
      await sql`drop role ${sql.raw(role)}`.execute(persistence.database.db);
    }
    await persistence?.close();
  });

  it("lets the application role, which does not own the views, refresh and read them", async () => {
    await persistence.database.db.connection().execute(async (connection) => {
      await sql`begin`.execute(connection);
      try {
        await sql`set local role ${sql.raw(names.appRole)}`.execute(connection);
        await sql`select analytics_refresh()`.execute(connection);
        const { rows } = await sql<{ n: number }>`select count(*) as n from analytics_sales_daily`.execute(connection);
        expect(Number(rows[0]!.n)).toBe(0);
        await expect(sql`refresh materialized view analytics_sales_daily`.execute(connection)).rejects.toThrow(/must be owner/);
      } finally {
        await sql`rollback`.execute(connection);
      }
    });
  });
});
