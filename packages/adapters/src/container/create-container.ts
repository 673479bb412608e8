import { Container } from "inversify";
import type { SearchIndex } from "@emporium/domain";
import { ConfigError, type Config } from "../config.js";
import { createSqlPersistence, type SqlPersistence } from "../sql/create-sql-persistence.js";
import { DATA_KEY_REQUIRED } from "../sql/encryption/open-field-cipher.js";
import type { TraceIdSource } from "../sql/kysely-outbox.js";
import { analyticsModule } from "./analytics-module.js";
import { authModule } from "./auth-module.js";
import { cacheModule, openCache } from "./cache-module.js";
import { coreModule } from "./core-module.js";
import { checkJwtSecret, resolveJwtSecret } from "./jwt-secret.js";
import { silentLogger, type Logger } from "./logger.js";
import { messagingModule } from "./messaging-module.js";
import { notificationsModule } from "./notifications-module.js";
import { paymentsModule } from "./payments-module.js";
import { persistenceModule } from "./persistence-module.js";
import { ElasticsearchSearchIndex } from "../search/elasticsearch/elasticsearch-search-index.js";
import { openSearchIndex, searchModule } from "./search-module.js";
import { Tokens, UseCases, type Token } from "./tokens.js";
import { USE_CASE_NAMES, type UseCase, type UseCaseName } from "./use-case-classes.js";
import { useCasesModule } from "./use-cases-module.js";

export interface CreateContainerOptions {
  /** Receives the adapters' logs (a pino logger fits); silent by default. */
  readonly logger?: Logger;
  /** Base of the links in messages (password reset); `http://localhost:<PORT>` by default. */
  readonly publicUrl?: string;
  /** The trace id of the request being served, stored with each outbox event. */
  readonly traceId?: TraceIdSource;
  /** PostgreSQL only: the schema to work in (tests use a fresh one). */
  readonly schema?: string;
}

export interface BackgroundJobOptions {
  /** Pause between outbox rounds (default 250 ms): the delay of mails and search updates. */
  readonly outboxIntervalMs?: number;
  /** Pause between reservation sweeps (default 30 s). */
  readonly sweepIntervalMs?: number;
}

/** What a host holds: the container, typed access to it, the background jobs, and `close`. */
export interface EmporiumContainer {
  readonly container: Container;
  readonly config: Config;
  get<T>(token: Token<T>): T;
  useCase<K extends UseCaseName>(name: K): UseCase<K>;
  /** Starts the in-process outbox delivery and the reservation sweeper; nothing when AMQP_URL is set (the worker runs them). */
  startBackgroundJobs(options?: BackgroundJobOptions): void;
  /** Stops them, waiting for the round in progress. */
  stopBackgroundJobs(): Promise<void>;
  /** Stops the background jobs and closes the database and the Redis connection. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The composition root. Opens and migrates the database DATABASE_URL names, creates the
 * search tables, resolves the JWT secret and the personal data keys, and binds every adapter — each chosen by
 * configuration alone — and every use case. Rejects with one line naming the variable
 * at fault when the configuration cannot work.
 */
export async function createContainer(config: Config, options: CreateContainerOptions = {}): Promise<EmporiumContainer> {
  const logger = options.logger ?? silentLogger;
  checkJwtSecret(config);
  // Checked before touching the database too: PostgreSQL has nowhere safe to keep a generated key.
  if (config.database.dialect === "postgres" && config.dataKeys.current === null) throw new ConfigError([DATA_KEY_REQUIRED]);
  const persistence = await openPersistence(config, options, logger);
  const cache = await openCache(config, logger);
  let container: Container;
  let search: SearchIndex | undefined;
  const closeSearch = async () => {
    if (search instanceof ElasticsearchSearchIndex) await search.close();
  };
  try {
    search = await openSearchIndex(persistence.database, { logger, elasticsearchUrl: config.elasticsearchUrl });
    const jwtSecret = await resolveJwtSecret(config, persistence.settings);
    container = new Container({ defaultScope: "Singleton" });
    container.load(
      coreModule(config, config.shop, logger),
      persistenceModule(persistence),
      cacheModule(cache),
      searchModule(search),
      paymentsModule(),
      notificationsModule(),
      authModule(jwtSecret),
      messagingModule({ publicUrl: options.publicUrl ?? `http://localhost:${config.http.port}`, brokered: config.amqpUrl !== null }),
      analyticsModule(),
      useCasesModule(),
    );
    // Building everything now turns a wiring mistake into a start-up error, not a failed request.
    for (const name of USE_CASE_NAMES) container.get(UseCases[name]);
    container.get(Tokens.OutboxProcessor);
    container.get(Tokens.ReservationSweeper);
  } catch (error) {
    await Promise.all([persistence.close(), cache.close(), closeSearch()]);
    throw error;
  }

  const get = <T>(token: Token<T>): T => container.get<T>(token);
  const stopBackgroundJobs = async () => {
    await Promise.all([get(Tokens.OutboxProcessor).stop(), get(Tokens.ReservationSweeper).stop()]);
  };
  let closing: Promise<void> | undefined;
  return {
    container,
    config,
    get,
    useCase: (name) => get(UseCases[name]),
    startBackgroundJobs: ({ outboxIntervalMs = 250, sweepIntervalMs = 30_000 } = {}) => {
      // With AMQP_URL the worker runs the relay, the consumers and the sweeper; this process only appends events.
      if (config.amqpUrl !== null) return;
      get(Tokens.OutboxProcessor).start(outboxIntervalMs);
      get(Tokens.ReservationSweeper).start(sweepIntervalMs);
    },
    stopBackgroundJobs,
    close: () => {
      closing ??= stopBackgroundJobs().finally(async () => {
        await Promise.all([persistence.close(), cache.close(), closeSearch()]);
      });
      return closing;
    },
  };
}

async function openPersistence(config: Config, options: CreateContainerOptions, logger: Logger): Promise<SqlPersistence> {
  try {
    return await createSqlPersistence({
      url: config.database.url,
      replicaUrl: config.database.replicaUrl,
      poolSize: config.database.poolSize,
      statementTimeoutMs: config.database.statementTimeoutMs,
      preparedStatements: config.database.preparedStatements,
      dataKeys: config.dataKeys,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.traceId === undefined ? {} : { traceId: options.traceId }),
      onPoolError: (error) => logger.error({ err: error }, "idle database connection failed; the pool replaces it"),
    });
  } catch (error) {
    throw new Error(databaseProblem(config.database.url, error), { cause: error });
  }
}

// One line that names the variable, whatever the driver said.
function databaseProblem(url: string, error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  if (/DATABASE_(REPLICA_)?URL|DATA_ENCRYPTION_KEY/.test(reason)) return reason;
  return `cannot open the database at DATABASE_URL ${redactPassword(url)}: ${reason}`;
}

function redactPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}
