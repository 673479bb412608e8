import type { Role } from "../customers/customer.js";
import type { ShippingPolicy, TaxRates } from "../pricing/types.js";
import type { Cache } from "../ports/cache.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/id-generator.js";
import type { Notifier } from "../ports/notifier.js";
import type { PasswordHasher } from "../ports/password-hasher.js";
import type { PaymentGateway } from "../ports/payment-gateway.js";
import type { ReportRepository } from "../ports/report-repository.js";
import type { SearchIndex } from "../ports/search-index.js";
import type { TokenService } from "../ports/token-service.js";
import type { Repositories, UnitOfWork } from "../ports/unit-of-work.js";

/** Shop-wide settings the use cases read. */
export interface ShopSettings {
  /** ISO 4217 store currency. */
  readonly currency: string;
  readonly taxRates: TaxRates;
  readonly shipping: ShippingPolicy;
  readonly reservationTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly passwordResetTtlSeconds: number;
  readonly idempotencyTtlSeconds: number;
  /** Default low-stock threshold for new variants. */
  readonly lowStockThreshold: number;
}

export const DEFAULT_SETTINGS: ShopSettings = {
  currency: "USD",
  taxRates: { standard: 0, reduced: 0, zero: 0 },
  shipping: { flatRate: 500, freeOver: 5000 },
  reservationTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  passwordResetTtlSeconds: 30 * 60,
  idempotencyTtlSeconds: 24 * 3600,
  lowStockThreshold: 5,
};

/**
 * Everything a use case may depend on. Each use case takes the subset it needs.
 * `repos` reads outside a transaction (possibly from a replica for read-only use
 * cases); writes always go through `uow`.
 */
export interface AppDeps {
  readonly uow: UnitOfWork;
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  readonly tokens: TokenService;
  readonly payments: PaymentGateway;
  readonly notifier: Notifier;
  readonly search: SearchIndex;
  readonly cache: Cache;
  readonly settings: ShopSettings;
  /** Admin report aggregates, on the primary (refreshing snapshots writes). */
  readonly reports: ReportRepository;
}

/** Who is acting: recorded on history, movements and the audit log. */
export interface Actor {
  readonly id: string;
  readonly role: Role | "system";
}

export const SYSTEM_ACTOR: Actor = { id: "system", role: "system" };
