import { RecordPaymentRefund } from "@emporium/domain";
import { ContainerModule } from "inversify";
import { PaymentNoticeHandler } from "../payments/stripe/payment-notice-handler.js";
import { createStripeClient } from "../payments/stripe/stripe-client.js";
import { StripePaymentGateway } from "../payments/stripe/stripe-payment-gateway.js";
import { StripeWebhooks } from "../payments/stripe/stripe-webhooks.js";
import { SimulatedPaymentGateway } from "../payments/simulated/simulated-payment-gateway.js";
import { singleton } from "./binding.js";
import { Tokens, UseCases } from "./tokens.js";

/**
 * Payments: Stripe when STRIPE_SECRET_KEY is set (its webhook queued for the worker with
 * AMQP_URL, applied in process otherwise), the simulated provider otherwise.
 */
export const paymentsModule = () =>
  new ContainerModule(({ bind }) => {
    singleton(bind, Tokens.PaymentGateway, [Tokens.Config, Tokens.IdGenerator], (config, ids) =>
      config.stripe === null
        ? new SimulatedPaymentGateway(ids)
        : new StripePaymentGateway({
            stripe: createStripeClient({ secretKey: config.stripe.secretKey, apiBase: config.stripe.apiBase }),
            captureMethod: config.stripe.captureMethod,
          }),
    );
    singleton(
      bind,
      Tokens.PaymentNotices,
      [UseCases.ConfirmPayment, UseCases.RecordPaymentFailure, Tokens.AppDeps, Tokens.Logger],
      (confirmPayment, recordPaymentFailure, deps, logger) =>
        new PaymentNoticeHandler({ confirmPayment, recordPaymentFailure, recordPaymentRefund: new RecordPaymentRefund(deps), logger }),
    );
    singleton(
      bind,
      Tokens.StripeWebhooks,
      [Tokens.Config, Tokens.Persistence, Tokens.PaymentNotices, Tokens.IdGenerator, Tokens.Clock, Tokens.Logger],
      (config, persistence, handler, ids, clock, logger) =>
        config.stripe === null
          ? null
          : new StripeWebhooks({
              webhookSecret: config.stripe.webhookSecret,
              delivery: config.amqpUrl === null ? "inline" : "queue",
              db: persistence.database.db,
              uow: persistence.uow,
              processedEvents: persistence.processedEvents,
              handler,
              ids,
              clock,
              logger,
            }),
    );
  });
