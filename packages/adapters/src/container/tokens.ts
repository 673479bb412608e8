import type {
  AppDeps,
  Cache,
  Clock,
  EventDispatcher,
  IdGenerator,
  Notifier,
  PasswordHasher,
  PaymentGateway,
  RateLimiter,
  ReportRepository,
  Repositories,
  SearchIndex,
  ShopSettings,
  TokenService,
  UnitOfWork,
} from "@emporium/domain";
import type { Config } from "../config.js";
import type { AnalyticsRefresher } from "../handlers/analytics-refresher.js";
import type { BoughtTogetherRecorder } from "../handlers/bought-together-recorder.js";
import type { OrderNotifications } from "../handlers/order-notifications.js";
import type { ReservationSweeper } from "../handlers/reservation-sweeper.js";
import type { SearchIndexer } from "../handlers/search-indexer.js";
import type { InProcessDispatcher } from "../memory/in-process-dispatcher.js";
import type { OutboxDelivery } from "../messaging/rabbitmq/worker-owned-outbox.js";
import type { OnceNotifier } from "../notifications/once-notifier.js";
import type { PaymentNoticeHandler } from "../payments/stripe/payment-notice-handler.js";
import type { StripeWebhooks } from "../payments/stripe/stripe-webhooks.js";
import type { SqlDatabase } from "../sql/create-database.js";
import type { SqlPersistence } from "../sql/create-sql-persistence.js";
import type { KyselyMailbox } from "../sql/kysely-mailbox.js";
import type { KyselyOutboxRelay } from "../sql/kysely-outbox-relay.js";
import type { KyselySettings } from "../sql/kysely-settings.js";
import type { Logger } from "./logger.js";
import { USE_CASE_NAMES, type UseCase, type UseCaseName } from "./use-case-classes.js";

declare const service: unique symbol;

/** A Symbol that remembers the type bound to it, so `get(token)` needs no type argument. */
export type Token<T> = symbol & { readonly [service]?: T };

const token = <T>(name: string): Token<T> => Symbol(`emporium.${name}`) as Token<T>;

/** Every service the container binds, one Symbol each. */
export const Tokens = {
  Config: token<Config>("Config"),
  Logger: token<Logger>("Logger"),
  /** The open SQL database (primary, replica, dialect). */
  Database: token<SqlDatabase>("Database"),
  Persistence: token<SqlPersistence>("Persistence"),
  UnitOfWork: token<UnitOfWork>("UnitOfWork"),
  /** On the primary. */
  Repositories: token<Repositories>("Repositories"),
  /** On the replica when DATABASE_REPLICA_URL is set, the primary otherwise. */
  ReadRepositories: token<Repositories>("ReadRepositories"),
  OutboxRelay: token<KyselyOutboxRelay>("OutboxRelay"),
  Mailbox: token<KyselyMailbox>("Mailbox"),
  /** Key/value settings stored in the database. */
  SettingsStore: token<KyselySettings>("SettingsStore"),
  /** The shop settings the use cases read, from the configuration. */
  Settings: token<ShopSettings>("Settings"),
  Clock: token<Clock>("Clock"),
  IdGenerator: token<IdGenerator>("IdGenerator"),
  PasswordHasher: token<PasswordHasher>("PasswordHasher"),
  TokenService: token<TokenService>("TokenService"),
  PaymentGateway: token<PaymentGateway>("PaymentGateway"),
  /** Applies payment notices: the webhook in process, or the worker on `payment.webhook_process` (its `handlers()`). */
  PaymentNotices: token<PaymentNoticeHandler>("PaymentNotices"),
  /** Stripe's webhook receiver; null while payments are simulated. */
  StripeWebhooks: token<StripeWebhooks | null>("StripeWebhooks"),
  Notifier: token<Notifier>("Notifier"),
  OnceNotifier: token<OnceNotifier>("OnceNotifier"),
  SearchIndex: token<SearchIndex>("SearchIndex"),
  Cache: token<Cache>("Cache"),
  /** The general limiter (shared through Redis once that adapter exists). */
  RateLimiter: token<RateLimiter>("RateLimiter"),
  /** Login, registration and password reset: always strict and in process (DESIGN §13). */
  AuthRateLimiter: token<RateLimiter>("AuthRateLimiter"),
  EventDispatcher: token<EventDispatcher>("EventDispatcher"),
  /** The same dispatcher, for registering more in-process handlers. */
  InProcessDispatcher: token<InProcessDispatcher>("InProcessDispatcher"),
  /** The in-process OutboxProcessor; with AMQP_URL a WorkerOwnedOutbox (the worker delivers). */
  OutboxProcessor: token<OutboxDelivery>("OutboxProcessor"),
  ReservationSweeper: token<ReservationSweeper>("ReservationSweeper"),
  SearchIndexer: token<SearchIndexer>("SearchIndexer"),
  OrderNotifications: token<OrderNotifications>("OrderNotifications"),
  /** The report aggregates (on the primary: refreshing snapshots writes). */
  Reports: token<ReportRepository>("Reports"),
  /** The `analytics.refresh` consumer: customer lifetime values and report snapshots. */
  AnalyticsRefresher: token<AnalyticsRefresher>("AnalyticsRefresher"),
  /** The `recommendations.update` consumer: bought-together counts. */
  BoughtTogetherRecorder: token<BoughtTogetherRecorder>("BoughtTogetherRecorder"),
  /** Everything a use case may depend on, on the primary. */
  AppDeps: token<AppDeps>("AppDeps"),
} as const;

/** One token per use case: `UseCases.PlaceOrder` resolves a `PlaceOrder`. */
export const UseCases = Object.fromEntries(USE_CASE_NAMES.map((name) => [name, token(`UseCases.${name}`)])) as {
  readonly [K in UseCaseName]: Token<UseCase<K>>;
};
