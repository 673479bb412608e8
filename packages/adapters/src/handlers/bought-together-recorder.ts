import type { Clock, DomainEvent } from "@emporium/domain";
import type { KyselyProductPairs } from "../sql/kysely-product-pairs.js";
import type { EventHandlerMap } from "./event-handler-map.js";

/** The queue, and the consumer name under which its events are recorded as processed. */
export const RECOMMENDATIONS_CONSUMER = "recommendations.update";

export interface BoughtTogetherRecorderDeps {
  readonly pairs: Pick<KyselyProductPairs, "recordOrder">;
  readonly clock: Clock;
}

/**
 * The `recommendations.update` consumer: each paid order adds one to the count of every pair of
 * its products ("bought together"), exactly once per event (processed events, same transaction).
 */
export class BoughtTogetherRecorder {
  constructor(private readonly deps: BoughtTogetherRecorderDeps) {}

  handlers(): EventHandlerMap {
    return { "order.paid": (event) => this.orderPaid(event) };
  }

  private async orderPaid(event: DomainEvent): Promise<void> {
    const orderId = event.payload.orderId;
    if (typeof orderId !== "string" || orderId === "") return;
    await this.deps.pairs.recordOrder(RECOMMENDATIONS_CONSUMER, event.id, orderId, this.deps.clock.now());
  }
}
