import { ContainerModule } from "inversify";
import { registerHandlers } from "../handlers/event-handler-map.js";
import { KyselySalesCounter } from "../handlers/kysely-sales-counter.js";
import { OrderNotifications } from "../handlers/order-notifications.js";
import { ReservationSweeper } from "../handlers/reservation-sweeper.js";
import { SearchIndexer } from "../handlers/search-indexer.js";
import { InProcessDispatcher } from "../memory/in-process-dispatcher.js";
import { KyselyOutboxSource } from "../messaging/in-process/kysely-outbox-source.js";
import { OutboxProcessor } from "../messaging/in-process/outbox-processor.js";
import { OutboxEventDispatcher } from "../messaging/rabbitmq/outbox-event-dispatcher.js";
import { WorkerOwnedOutbox } from "../messaging/rabbitmq/worker-owned-outbox.js";
import { singleton } from "./binding.js";
import { Tokens, UseCases } from "./tokens.js";

export interface MessagingModuleOptions {
  /** Base of links in messages. */
  readonly publicUrl: string;
  /** AMQP_URL is set: the worker delivers events through RabbitMQ; this process only appends them. */
  readonly brokered: boolean;
}

/**
 * Events and the reservation sweeper. Without AMQP_URL the outbox is drained in process by the
 * same handlers the worker runs (hosts start it with `startBackgroundJobs()`). With AMQP_URL
 * the outbox is the dispatch: EventDispatcher appends to it and OutboxProcessor does nothing,
 * because the worker relays the outbox to RabbitMQ and runs the handlers there.
 */
export const messagingModule = ({ publicUrl, brokered }: MessagingModuleOptions) =>
  new ContainerModule(({ bind }) => {
    singleton(
      bind,
      Tokens.SearchIndexer,
      [Tokens.Repositories, Tokens.SearchIndex, Tokens.Database],
      (repos, search, database) => new SearchIndexer({ repos, search, sales: new KyselySalesCounter(database.db) }),
    );
    singleton(
      bind,
      Tokens.OrderNotifications,
      [Tokens.Repositories, Tokens.OnceNotifier, Tokens.Settings],
      (repos, notifier, settings) => new OrderNotifications({ repos, notifier, publicUrl, settings }),
    );
    singleton(
      bind,
      Tokens.InProcessDispatcher,
      [Tokens.SearchIndexer, Tokens.OrderNotifications, Tokens.AnalyticsRefresher, Tokens.BoughtTogetherRecorder],
      (indexer, notifications, analytics, recommendations) => {
        const dispatcher = new InProcessDispatcher();
        registerHandlers(dispatcher, indexer.handlers());
        registerHandlers(dispatcher, notifications.handlers());
        registerHandlers(dispatcher, analytics.handlers());
        registerHandlers(dispatcher, recommendations.handlers());
        return dispatcher;
      },
    );
    if (brokered) {
      singleton(bind, Tokens.EventDispatcher, [Tokens.Repositories], (repos) => new OutboxEventDispatcher(repos.outbox));
      singleton(bind, Tokens.OutboxProcessor, [], () => new WorkerOwnedOutbox());
    } else {
      singleton(bind, Tokens.EventDispatcher, [Tokens.InProcessDispatcher], (dispatcher) => dispatcher);
      singleton(
        bind,
        Tokens.OutboxProcessor,
        [Tokens.Persistence, Tokens.InProcessDispatcher, Tokens.Logger],
        (persistence, dispatcher, logger) =>
          new OutboxProcessor({ source: new KyselyOutboxSource(persistence.relay, persistence.database.db), dispatcher, logger }),
      );
    }
    singleton(
      bind,
      Tokens.ReservationSweeper,
      [UseCases.ExpireReservations, Tokens.Logger],
      (expireReservations, logger) => new ReservationSweeper({ expireReservations, logger }),
    );
  });
