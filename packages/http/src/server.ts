import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Logger } from "pino";

export interface StartServerOptions {
  readonly port: number;
  readonly host: string;
  /** Runs once the last in-flight request has finished: drain the outbox, close pools and brokers. */
  readonly onShutdown?: () => Promise<void>;
  readonly logger?: Logger;
  /** Install SIGTERM/SIGINT handlers that shut down gracefully and exit; true by default. */
  readonly handleSignals?: boolean;
  /** In-flight requests get this long before their connections are cut; 10 s by default. */
  readonly shutdownTimeoutMs?: number;
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  readonly url: string;
  /** Stops accepting, waits for in-flight requests, runs onShutdown. Safe to call more than once. */
  close(): Promise<void>;
}

type FetchApp = { fetch: (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => Response | Promise<Response> };

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

function listen(app: FetchApp, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch as (request: Request, env: unknown) => Promise<Response>, port, hostname: host }) as Server;
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/**
 * Serves a Hono app with @hono/node-server. On close (or SIGTERM/SIGINT) it
 * stops accepting connections, lets in-flight requests finish — closing each
 * keep-alive connection as soon as it goes idle — then runs `onShutdown`; on a
 * signal it then exits (0, or 1 if shutting down failed).
 */
export async function startServer(
  app: FetchApp,
  { port, host, onShutdown, logger, handleSignals = true, shutdownTimeoutMs = 10_000 }: StartServerOptions,
): Promise<RunningServer> {
  const server = await listen(app, port, host);
  let closing: Promise<void> | undefined;

  // A keep-alive connection would hold close() open until its idle timeout; drop it once its response is out.
  server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
    res.once("finish", () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });

  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const signal of SIGNALS) process.off(signal, onSignal);
      const force = setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs);
      force.unref();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      clearTimeout(force);
      logger?.info("http server closed");
      await onShutdown?.();
    })();
    return closing;
  };

  function onSignal(signal: NodeJS.Signals): void {
    logger?.info({ signal }, "shutting down");
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger?.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  }
  if (handleSignals) for (const signal of SIGNALS) process.once(signal, onSignal);

  const { port: bound } = server.address() as AddressInfo;
  const hostname = host.includes(":") ? `[${host}]` : host;
  const url = `http://${hostname}:${bound}`;
  logger?.info({ url }, "listening");
  return { url, close };
}
