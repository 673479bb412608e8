import { Tokens } from "@emporium/adapters";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { problem, titleOf } from "../problem.js";
import { problemResponses } from "../schemas/common.js";
import type { RouteContext } from "./route-context.js";

const Received = z.object({ received: z.literal(true) }).openapi("WebhookReceived");

const stripeWebhookRoute = createRoute({
  method: "post",
  path: "/webhooks/stripe",
  tags: ["webhooks"],
  summary: "Stripe events (signature verified, event id de-duplicated)",
  description:
    "Point a Stripe webhook endpoint (or `stripe listen --forward-to`) here. The `Stripe-Signature` header must verify " +
    "over the raw body with STRIPE_WEBHOOK_SECRET and be at most 300 s old, otherwise 400 `webhook.invalid_signature`. " +
    "Acted on: `payment_intent.succeeded`, `payment_intent.amount_capturable_updated` (manual capture), " +
    "`payment_intent.payment_failed`, `charge.refunded`; other types and repeated event ids are acknowledged and ignored. " +
    "404 `webhook.not_configured` while payments are simulated.",
  responses: {
    200: { description: "Event accepted", content: { "application/json": { schema: Received } } },
    ...problemResponses(400, 404),
  },
});

/**
 * Stripe's webhook endpoint. The body is read as text before anything parses it, because the
 * signature covers those exact bytes; StripeWebhooks verifies it, drops repeated event ids, and
 * applies the event (or queues it for the worker when RabbitMQ is configured).
 */
export function webhooksRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });
  const webhooks = ctx.container.get(Tokens.StripeWebhooks);

  app.openapi(stripeWebhookRoute, async (c) => {
    if (webhooks === null) {
      const detail = "Stripe webhooks are not configured: payments are simulated. Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.";
      return problem(c, 404, "webhook.not_configured", titleOf(404), detail);
    }
    const raw = await c.req.text();
    const receipt = await webhooks.receive(raw, c.req.header("Stripe-Signature") ?? null);
    if (receipt.status === "invalid_signature") return problem(c, 400, "webhook.invalid_signature", titleOf(400), receipt.message);
    c.var.logger.info({ webhook: "stripe", ...receipt }, "Stripe webhook received");
    return c.json({ received: true as const }, 200);
  });
  return app;
}
