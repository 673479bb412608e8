import Stripe from "stripe";

/**
 * The Stripe API version every request asks for. Pinned, so a change of the account's default
 * version in the dashboard cannot change the shape of the objects this code reads.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" satisfies Stripe.LatestApiVersion;

export interface StripeClientOptions {
  readonly secretKey: string;
  /** Another API server (`http://127.0.0.1:12111`, a local fake in tests); null or absent for api.stripe.com. */
  readonly apiBase?: string | null;
  /** Per request (default 10 s): checkout waits on it inside its transaction. */
  readonly timeoutMs?: number;
  /** Retries of network failures, 409s and 5xx, each under the same idempotency key (default 2). */
  readonly maxNetworkRetries?: number;
}

/** A Stripe SDK client with the pinned API version, pointed at `apiBase` when given. */
export function createStripeClient({ secretKey, apiBase = null, timeoutMs = 10_000, maxNetworkRetries = 2 }: StripeClientOptions): Stripe {
  const server = apiBase === null ? {} : serverOf(apiBase);
  return new Stripe(secretKey, { apiVersion: STRIPE_API_VERSION, timeout: timeoutMs, maxNetworkRetries, telemetry: false, ...server });
}

function serverOf(apiBase: string): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  const url = new URL(apiBase);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port === "" ? (protocol === "http" ? 80 : 443) : Number(url.port), protocol };
}
