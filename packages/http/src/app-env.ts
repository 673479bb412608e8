import type { Role } from "@emporium/domain";
import type { Logger } from "pino";

/** Who is calling, set by the `authenticate` middleware from a verified access token. */
export interface AuthContext {
  readonly customerId: string;
  readonly role: Role;
}

/** The context variables every Emporium handler can read. */
export interface AppVariables {
  requestId: string;
  /** W3C trace id (32 hex), taken from an incoming `traceparent` or generated. */
  traceId: string;
  /** This request's span id (16 hex). */
  spanId: string;
  /** The `traceparent` to send downstream (events, outgoing calls): our trace id and span id. */
  traceparent: string;
  /** A child logger carrying request_id and trace_id. */
  logger: Logger;
  /** Undefined for anonymous callers. */
  auth: AuthContext | undefined;
}

export interface AppEnv {
  Variables: AppVariables;
}
