import type { MailboxMessage as StoredMessage } from "@emporium/adapters";
import { z } from "@hono/zod-openapi";
import { PageQuery } from "./common.js";

export const MailboxQuery = PageQuery;

export const REDACTED = "[redacted]";

export const MailboxMessage = z
  .object({
    id: z.string(),
    to: z.string().openapi({ example: "ada@example.com" }),
    template: z.enum(["order_confirmation", "shipping_notice", "password_reset", "low_stock"]),
    subject: z.string(),
    data: z.record(z.string(), z.unknown()).openapi({
      description: "What the template is rendered from. Password reset tokens and links are redacted: they belong to the customer alone.",
    }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("MailboxMessage");

export type MailboxMessageJson = z.infer<typeof MailboxMessage>;

// A reset token lets its holder take over the account; an admin has no business holding one (DESIGN §13).
const SECRET_FIELDS: Readonly<Partial<Record<StoredMessage["template"], readonly string[]>>> = {
  password_reset: ["token"],
};

// The secret also appears inside the link and the rendered bodies, so every string is cleaned, not just its own field.
function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return secrets.reduce((text, secret) => text.replaceAll(secret, REDACTED), value);
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, secrets)]));
  }
  return value;
}

export function toMailboxMessageJson(message: StoredMessage): MailboxMessageJson {
  const secrets = (SECRET_FIELDS[message.template] ?? [])
    .map((field) => message.data[field])
    .filter((secret): secret is string => typeof secret === "string" && secret !== "")
    .flatMap((secret) => [...new Set([secret, encodeURIComponent(secret)])]);
  return {
    id: message.id,
    to: message.to,
    template: message.template,
    subject: redact(message.subject, secrets) as string,
    data: redact(message.data, secrets) as Record<string, unknown>,
    createdAt: message.createdAt.toISOString(),
  };
}
