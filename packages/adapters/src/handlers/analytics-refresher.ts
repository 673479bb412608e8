import type { Clock, DomainEvent, ReportRepository } from "@emporium/domain";
import type { KyselyCustomerStats } from "../sql/kysely-customer-stats.js";
import { CoalescedTask } from "./coalesced-task.js";
import type { EventHandlerMap } from "./event-handler-map.js";

export interface AnalyticsRefresherDeps {
  readonly customerStats: Pick<KyselyCustomerStats, "recompute">;
  readonly reports: Pick<ReportRepository, "refresh">;
  readonly clock: Clock;
}

/**
 * The `analytics.refresh` consumer: on each paid or refunded order it recomputes the customer's
 * lifetime value (customer_stats) and refreshes the report snapshots (PostgreSQL materialized
 * views; nothing on SQLite, whose reports are live). Both are idempotent, so a redelivered event
 * changes nothing; a burst of events shares refreshes (see CoalescedTask).
 */
export class AnalyticsRefresher {
  private readonly snapshots: CoalescedTask;

  constructor(private readonly deps: AnalyticsRefresherDeps) {
    this.snapshots = new CoalescedTask(() => deps.reports.refresh());
  }

  handlers(): EventHandlerMap {
    return {
      "order.paid": (event) => this.orderSettled(event),
      "order.refunded": (event) => this.orderSettled(event),
    };
  }

  private async orderSettled(event: DomainEvent): Promise<void> {
    const customerId = event.payload.customerId;
    if (typeof customerId === "string" && customerId !== "") await this.deps.customerStats.recompute(customerId, this.deps.clock.now());
    await this.snapshots.request();
  }
}
