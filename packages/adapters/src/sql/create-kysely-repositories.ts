import type { Kysely } from "kysely";
import type { Repositories } from "@emporium/domain";
import type { Database, SqlDialect } from "./database.js";
import type { FieldCipher } from "./encryption/field-cipher.js";
import { KyselyAuditLog } from "./kysely-audit-log.js";
import { KyselyAuthTokenRepository } from "./kysely-auth-token-repository.js";
import { KyselyCartRepository } from "./kysely-cart-repository.js";
import { KyselyCategoryRepository } from "./kysely-category-repository.js";
import { KyselyCustomerRepository } from "./kysely-customer-repository.js";
import { KyselyIdempotencyStore } from "./kysely-idempotency-store.js";
import { KyselyInventoryRepository } from "./kysely-inventory-repository.js";
import { KyselyOrderRepository } from "./kysely-order-repository.js";
import { KyselyOutbox, type TraceIdSource } from "./kysely-outbox.js";
import { KyselyProductRepository } from "./kysely-product-repository.js";
import { KyselyPromotionRepository } from "./kysely-promotion-repository.js";
import { KyselyRecommendationRepository } from "./kysely-recommendation-repository.js";
import { KyselyReviewRepository } from "./kysely-review-repository.js";

export interface RepositoryOptions {
  readonly traceId?: TraceIdSource;
  /** Seals personal data (customer phones and addresses, shipping addresses) at rest. */
  readonly cipher: FieldCipher;
}

/** Every repository over one Kysely instance: the database itself, or a transaction. */
export function createKyselyRepositories(db: Kysely<Database>, dialect: SqlDialect, options: RepositoryOptions): Repositories {
  return {
    products: new KyselyProductRepository(db, dialect),
    categories: new KyselyCategoryRepository(db),
    inventory: new KyselyInventoryRepository(db, dialect),
    carts: new KyselyCartRepository(db, dialect),
    orders: new KyselyOrderRepository(db, dialect, options.cipher),
    customers: new KyselyCustomerRepository(db, options.cipher),
    authTokens: new KyselyAuthTokenRepository(db),
    reviews: new KyselyReviewRepository(db),
    promotions: new KyselyPromotionRepository(db),
    idempotency: new KyselyIdempotencyStore(db),
    audit: new KyselyAuditLog(db),
    outbox: new KyselyOutbox(db, options.traceId),
    recommendations: new KyselyRecommendationRepository(db),
  };
}
