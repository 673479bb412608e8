import type { Clock, DomainEvent, ReportRepository } from "@emporium/domain";
import type { KyselyCustomerStats } from "../sql/kysely-customer-stats.js";
import { CoalescedTask } from "./coalesced-task.js";
import type { EventHandlerMap } from "./event-handler-map.js";
import { KeyedBatch } from "./keyed-batch.js";

export interface AnalyticsRefresherDeps {
  readonly customerStats: Pick<KyselyCustomerStats, "recomputeMany">;
  readonly reports: Pick<ReportRepository, "refresh">;
  readonly clock: Clock;
}

/**
 * The `analytics.refresh` consumer: on each paid or refunded order it recomputes the customer's
 * lifetime value (customer_stats) and refreshes the report snapshots (PostgreSQL materialized
 * views; nothing on SQLite, whose reports are live). Both are idempotent, so a redelivered event
 * changes nothing; a burst of events shares recomputes (KeyedBatch) and refreshes (CoalescedTask).
 */
export class AnalyticsRefresher {
  private readonly snapshots: CoalescedTask;
  private readonly customers: KeyedBatch<string>;

  constructor(private readonly deps: AnalyticsRefresherDeps) {
    this.snapshots = new CoalescedTask(() => deps.reports.refresh());
    this.customers = new KeyedBatch((customerIds) => deps.customerStats.recomputeMany(customerIds, deps.clock.now()));
  }

  handlers(): EventHandlerMap {
    return {
      "order.paid": (event) => this.orderSettled(event),
      "order.refunded": (event) => this.orderSettled(event),
    };
  }

  private async orderSettled(event: DomainEvent): Promise<void> {
    const customerId = event.payload.customerId;
    if (typeof customerId === "string" && customerId !== "") await this.customers.request([customerId]);
    await this.snapshots.request();
  }
}
