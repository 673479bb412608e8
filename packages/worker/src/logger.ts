import { pino, type DestinationStream, type Logger } from "pino";

// Event payloads may carry a password-reset token; it never reaches a log line.
const REDACT_PATHS = ["token", "password", "secret", "*.token", "*.password", "*.secret", "payload.token", "*.payload.token"];

/** The worker's JSON logger: one line per event, `job_id` and `trace_id` on every job line. */
export function createWorkerLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: "emporium-worker" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
