import type { Clock, DomainEvent } from "@emporium/domain";
import type { KyselyProductPairs, PaidOrderEvent } from "../sql/kysely-product-pairs.js";
import type { EventHandlerMap } from "./event-handler-map.js";
import { KeyedBatch } from "./keyed-batch.js";

/** The queue, and the consumer name under which its events are recorded as processed. */
export const RECOMMENDATIONS_CONSUMER = "recommendations.update";

export interface BoughtTogetherRecorderDeps {
  readonly pairs: Pick<KyselyProductPairs, "recordOrders">;
  readonly clock: Clock;
}

/**
 * The `recommendations.update` consumer: each paid order adds one to the count of every pair of
 * its products ("bought together"), exactly once per event (processed events, same transaction).
 * Events delivered together are counted in one transaction (KeyedBatch).
 */
export class BoughtTogetherRecorder {
  private readonly batch: KeyedBatch<PaidOrderEvent>;

  constructor(private readonly deps: BoughtTogetherRecorderDeps) {
    this.batch = new KeyedBatch(async (events) => {
      await deps.pairs.recordOrders(RECOMMENDATIONS_CONSUMER, events, deps.clock.now());
    });
  }

  handlers(): EventHandlerMap {
    return { "order.paid": (event) => this.orderPaid(event) };
  }

  private async orderPaid(event: DomainEvent): Promise<void> {
    const orderId = event.payload.orderId;
    if (typeof orderId !== "string" || orderId === "") return;
    await this.batch.request([{ eventId: event.id, orderId }]);
  }
}
