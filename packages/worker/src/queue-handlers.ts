import { Tokens, type EmporiumContainer, type EventHandlerMap, type QueueHandler, type TaskQueueName } from "@emporium/adapters";

export type QueueHandlers = Partial<Record<TaskQueueName, Readonly<Record<string, QueueHandler>>>>;

/** The handlers of each queue the worker consumes: the same ones the embedded profile runs in process. */
export function queueHandlers(container: EmporiumContainer): QueueHandlers {
  const indexer = container.get(Tokens.SearchIndexer).handlers();
  const notifications = container.get(Tokens.OrderNotifications).handlers();
  const sweeper = container.get(Tokens.ReservationSweeper);
  const analytics = container.get(Tokens.AnalyticsRefresher).handlers();
  const recommendations = container.get(Tokens.BoughtTogetherRecorder).handlers();
  const paymentNotices = container.get(Tokens.PaymentNotices).handlers();
  return {
    "search.index_product": pick(indexer, "product.changed", "stock.changed", "order.paid"),
    "email.order_confirmation": pick(notifications, "order.placed", "order.shipped"),
    "email.password_reset": pick(notifications, "password_reset.requested"),
    "email.low_stock": pick(notifications, "stock.low"),
    // order.placed arrives here once its reservation is due; the sweep expires it (and any other
    // due one) by compare-and-set, so a repeated or late message changes nothing.
    "inventory.release_expired": {
      "order.placed": async () => {
        await sweeper.sweep();
      },
    },
    "payment.webhook_process": pick(paymentNotices, "payment.webhook_received"),
    "analytics.refresh": pick(analytics, "order.paid", "order.refunded"),
    "recommendations.update": pick(recommendations, "order.paid"),
  };
}

function pick(map: EventHandlerMap, ...types: (keyof EventHandlerMap)[]): Record<string, QueueHandler> {
  const picked: Record<string, QueueHandler> = {};
  for (const type of types) {
    const handler = map[type];
    if (handler === undefined) throw new Error(`no ${type} handler to consume; the handler maps changed`);
    picked[type] = handler;
  }
  return picked;
}
