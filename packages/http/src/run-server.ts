import { createContainer, loadConfig, profileOf, seedDemo, Tokens, type Config } from "@emporium/adapters";
import { createApp } from "./app.js";
import { createLogger } from "./logger.js";
import { createMetrics } from "./middleware/metrics.js";
import { startServer, type RunningServer } from "./server.js";

export interface RunServerOptions {
  /** The process environment by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Products of the demo catalogue seeded into an empty database; 0 seeds nothing. 200 by default. */
  readonly demoProducts?: number;
  /** Where the start-up banner goes; stdout by default. */
  readonly print?: (line: string) => void;
  /** Install SIGTERM/SIGINT handlers that shut down and exit; true by default. */
  readonly handleSignals?: boolean;
}

export const CREATE_ADMIN_HINT = "npx emporium users create-admin --email you@example.com --password-stdin";

/**
 * Starts the shop: reads the configuration, opens (and migrates) the database, seeds the demo
 * catalogue when it has no products, starts the background jobs and serves the API. On
 * SIGTERM it finishes the requests in flight, delivers the outbox and closes the database.
 * Rejects with a one-line message when the configuration or the database cannot work.
 */
export async function runServer({
  env = process.env,
  demoProducts = 200,
  print = (line) => process.stdout.write(`${line}\n`),
  handleSignals = true,
}: RunServerOptions = {}): Promise<RunningServer> {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  const container = await createContainer(config, { logger });
  let server: RunningServer;
  try {
    const seeded = demoProducts > 0 ? await seedDemo(container, { products: demoProducts }) : null;
    if (seeded?.seeded) {
      logger.info(seeded, "seeded the demo catalogue");
      print(`Seeded the demo catalogue: ${seeded.products} products, ${seeded.variants} variants, coupon ${seeded.coupon}.`);
    }
    const app = createApp({ container, logger, metrics: createMetrics({ processMetrics: true }) });
    container.startBackgroundJobs();
    const outbox = container.get(Tokens.OutboxProcessor);
    server = await startServer(app, {
      port: config.http.port,
      host: config.http.host,
      logger,
      handleSignals,
      onShutdown: async () => {
        await container.stopBackgroundJobs();
        await outbox.drain();
        await container.close();
      },
    });
  } catch (error) {
    await container.close();
    throw listenProblem(error, config) ?? error;
  }
  for (const line of banner(server.url, config)) print(line);
  return server;
}

function banner(url: string, config: Config): string[] {
  return [
    `Emporium is running at ${url} (${profileOf(config)} profile, database ${redactPassword(config.database.url)})`,
    `  API:           ${url}/v1`,
    `  API reference: ${url}/docs`,
    `  OpenAPI:       ${url}/openapi.json`,
    `  Health:        ${url}/healthz  ${url}/readyz`,
    `Create an admin: ${CREATE_ADMIN_HINT}`,
    "Stop with Ctrl+C; the data stays in the database for the next start.",
  ];
}

// The usual start-up failure gets a message that says what to change.
function listenProblem(error: unknown, config: Config): Error | null {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${config.http.host}:${config.http.port}`;
  if (code === "EADDRINUSE") return new Error(`cannot listen on ${where}: the port is in use; set PORT to another one`, { cause: error });
  if (code === "EACCES") return new Error(`cannot listen on ${where}: permission denied; set PORT above 1023`, { cause: error });
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
    return new Error(`cannot listen on ${where}: set HOST to an address of this machine`, { cause: error });
  return null;
}

const redactPassword = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
