import type { DomainEvent, DomainEventType } from "@emporium/domain";
import type { Options } from "amqplib";
import type { ClaimedEvent } from "../../sql/kysely-outbox-relay.js";

/** The message body of DESIGN §7. `attempt` is the consumer's delivery attempt, 1 when published. */
export interface EventEnvelope {
  readonly id: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
  /** ISO 8601, when the change happened. */
  readonly createdAt: string;
  readonly traceId: string | null;
  readonly attempt: number;
}

/** The delivery attempt, as a header too, so tools that do not parse bodies can read it. */
export const ATTEMPT_HEADER = "x-emporium-attempt";
/** Set on dead letters: why the message was given up on. */
export const ERROR_HEADER = "x-emporium-error";
export const DEAD_LETTERED_AT_HEADER = "x-emporium-dead-lettered-at";

export function envelopeOf(event: ClaimedEvent): EventEnvelope {
  return {
    id: event.id,
    type: event.type,
    payload: event.payload,
    createdAt: event.createdAt.toISOString(),
    traceId: event.traceId,
    attempt: 1,
  };
}

export function encodeEnvelope(envelope: EventEnvelope): Buffer {
  return Buffer.from(JSON.stringify(envelope));
}

/** Persistent, with the event id as messageId (consumers and tools de-duplicate on it). */
export function publishOptions(envelope: EventEnvelope): Options.Publish {
  return {
    persistent: true,
    messageId: envelope.id,
    type: envelope.type,
    contentType: "application/json",
    timestamp: Math.floor(Date.parse(envelope.createdAt) / 1000),
    headers: { [ATTEMPT_HEADER]: envelope.attempt },
  };
}

export type DecodedEnvelope = { readonly ok: true; readonly envelope: EventEnvelope } | { readonly ok: false; readonly problem: string };

/** Parses and checks a message body; a body that is not an envelope is a problem, never a throw. */
export function decodeEnvelope(content: Buffer): DecodedEnvelope {
  let body: unknown;
  try {
    body = JSON.parse(content.toString("utf8"));
  } catch {
    return { ok: false, problem: "body is not JSON" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, problem: "body is not a JSON object" };
  const { id, type, payload, createdAt, traceId, attempt } = body as Record<string, unknown>;
  if (typeof id !== "string" || id === "") return { ok: false, problem: "id must be a non-empty string" };
  if (typeof type !== "string" || type === "") return { ok: false, problem: "type must be a non-empty string" };
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return { ok: false, problem: "payload must be an object" };
  if (typeof createdAt !== "string" || Number.isNaN(Date.parse(createdAt))) return { ok: false, problem: "createdAt must be an ISO date" };
  if (traceId !== null && traceId !== undefined && typeof traceId !== "string")
    return { ok: false, problem: "traceId must be a string or null" };
  return {
    ok: true,
    envelope: {
      id,
      type,
      payload: payload as Record<string, unknown>,
      createdAt,
      traceId: traceId ?? null,
      attempt: typeof attempt === "number" && Number.isInteger(attempt) && attempt >= 1 ? attempt : 1,
    },
  };
}

/** The attempt header, else the body's: every publish writes both, the header is the one tools show. */
export function attemptOf(headers: Record<string, unknown> | undefined, envelope: EventEnvelope): number {
  const header = headers?.[ATTEMPT_HEADER];
  return typeof header === "number" && Number.isInteger(header) && header >= 1 ? header : envelope.attempt;
}

export function toDomainEvent(envelope: EventEnvelope): DomainEvent {
  return { id: envelope.id, type: envelope.type as DomainEventType, payload: envelope.payload, occurredAt: new Date(envelope.createdAt) };
}
