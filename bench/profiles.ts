import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { REPO_ROOT, type ProfileChoice } from "./bench-options.js";

const run = promisify(execFile);

export const POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_BASE = "redis://127.0.0.1:6379/0";
const AMQP_BASE = "amqp://guest:guest@127.0.0.1:5672";
export const WORKER_MAIN = join(REPO_ROOT, "packages/worker/dist/worker.bundle.mjs");

export interface ProfileSetup {
  readonly profile: ProfileChoice;
  /** Where the catalogue is seeded and the server runs. */
  readonly databaseUrl: string;
  /** A second, empty database for the timed import. */
  readonly importDatabaseUrl: string;
  readonly services: {
    readonly database: "sqlite" | "postgres";
    readonly redis: boolean;
    readonly rabbitmq: boolean;
    readonly worker: boolean;
  };
  /** Environment of the server, the worker and the CLI. */
  readonly env: NodeJS.ProcessEnv;
  /** Why a service of the production profile is left out, one line each. */
  readonly notes: readonly string[];
  /** Runs once the catalogue is loaded, before the server starts. */
  afterLoad(): Promise<void>;
  cleanup(): Promise<void>;
}

// Settings of the machine the bench runs on that must not leak into the shop under test.
const SCRUBBED =
  /^(DATABASE_|REDIS_URL|AMQP_URL|ELASTICSEARCH_URL|STRIPE_|SMTP_|JWT_|CACHE_TTL_|RATE_LIMIT_|PORT$|HOST$|LOG_LEVEL$|NODE_OPTIONS$|TRUST_PROXY$|CORS_ORIGINS$|WORKER_)/;

/**
 * The shared environment of a profile: production mode, info-level logs, and the general rate
 * limit raised through RATE_LIMIT_MAX (one client, 127.0.0.1, sends all the load) — limiting
 * stays on. Login and registration get room for the bench's accounts the same way.
 */
function baseEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!SCRUBBED.test(name)) env[name] = value;
  return {
    ...env,
    NODE_ENV: "production",
    JWT_SECRET: randomBytes(32).toString("base64url"),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    RATE_LIMIT_MAX: "1000000",
    RATE_LIMIT_AUTH_MAX: "100000",
    WORKER_METRICS_PORT: "0",
    ...overrides,
  };
}

export function embeddedProfile(dir: string): ProfileSetup {
  const databaseUrl = `sqlite:${join(dir, "embedded.db")}`;
  return {
    profile: "embedded",
    databaseUrl,
    importDatabaseUrl: `sqlite:${join(dir, "embedded-import.db")}`,
    services: { database: "sqlite", redis: false, rabbitmq: false, worker: false },
    env: baseEnv({ DATABASE_URL: databaseUrl }),
    notes: [],
    afterLoad: async () => undefined,
    cleanup: async () => undefined,
  };
}

/**
 * PostgreSQL (a fresh database, dropped afterwards), Redis under a key prefix of its own, and
 * RabbitMQ in a virtual host of its own with one worker process, each when it answers on
 * 127.0.0.1. Null when PostgreSQL does not answer: there is no production profile without it.
 */
export async function productionProfile(runId: string): Promise<ProfileSetup | null> {
  const notes: string[] = [];
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    notes.push(`PostgreSQL does not answer at 127.0.0.1:5432 (${(error as Error).message})`);
    return null;
  }
  const database = `emporium_bench_${runId}`;
  const importDatabase = `${database}_import`;
  try {
    await admin.query(`create database ${database}`);
    await admin.query(`create database ${importDatabase}`);
  } finally {
    await admin.end();
  }
  const cleanups: (() => Promise<void>)[] = [() => dropDatabases([database, importDatabase])];

  const prefix = `emporium-bench-${runId}:`;
  const redis = await redisAnswers();
  if (redis) cleanups.push(() => deleteRedisKeys(prefix));
  else notes.push("Redis does not answer at 127.0.0.1:6379: in-process cache and rate limiter");

  const vhost = `emporium-bench-${runId}`;
  let rabbitmq = false;
  try {
    await run("rabbitmqctl", ["add_vhost", vhost], { timeout: 30_000 });
    await run("rabbitmqctl", ["set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"], { timeout: 30_000 });
    rabbitmq = true;
    cleanups.push(async () => void (await run("rabbitmqctl", ["delete_vhost", vhost], { timeout: 30_000 }).catch(() => undefined)));
  } catch (error) {
    notes.push(`RabbitMQ virtual host could not be made with rabbitmqctl (${(error as Error).message.split("\n")[0]}): in-process events`);
  }
  const worker = rabbitmq && existsSync(WORKER_MAIN);
  if (rabbitmq && !worker) notes.push(`no runnable worker at ${WORKER_MAIN}: RabbitMQ left out`);

  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  return {
    profile: "production",
    databaseUrl,
    importDatabaseUrl: `postgres://postgres@127.0.0.1:5432/${importDatabase}`,
    services: { database: "postgres", redis, rabbitmq: worker, worker },
    env: baseEnv({
      DATABASE_URL: databaseUrl,
      ...(redis ? { REDIS_URL: `${REDIS_BASE}?prefix=${encodeURIComponent(prefix)}` } : {}),
      ...(worker ? { AMQP_URL: `${AMQP_BASE}/${encodeURIComponent(vhost)}` } : {}),
    }),
    notes,
    // The local test server runs with autovacuum off, so a freshly loaded database has no
    // planner statistics at all (PostgreSQL then plans page 200 as a sort of 6,000 rows).
    // A production server's autovacuum would have analysed the tables by now; so does this.
    afterLoad: () => analyze(databaseUrl),
    cleanup: async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    },
  };
}

async function analyze(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("analyze");
  } finally {
    await client.end();
  }
}

async function dropDatabases(names: readonly string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

function redisClient(): Redis {
  return new Redis(REDIS_BASE, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
}

async function redisAnswers(): Promise<boolean> {
  const client = redisClient();
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

// Only this run's keys, found by their prefix; the rest of the Redis belongs to others.
async function deleteRedisKeys(prefix: string): Promise<void> {
  const client = redisClient();
  client.on("error", () => undefined);
  await client.connect();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}
