import type { Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { catalog } from "./0001-catalog.js";
import { customers } from "./0002-customers.js";
import { inventory } from "./0003-inventory.js";
import { carts } from "./0004-carts.js";
import { orders } from "./0005-orders.js";
import { movements } from "./0006-movements.js";
import { promotions } from "./0007-promotions.js";
import { reviews } from "./0008-reviews.js";
import { messaging } from "./0009-messaging.js";
import { platform } from "./0010-platform.js";
import { postgresPartialIndexes } from "./0011-postgres-partial-indexes.js";
import { auditLogAppendOnly } from "./0012-audit-log-append-only.js";
import { reviewsModeration } from "./0013-reviews-moderation.js";
import { analytics } from "./0014-analytics.js";
import { recommendations } from "./0015-recommendations.js";

/**
 * Every migration in order, one set for both dialects. A static list rather than a folder
 * scan, so it works from TypeScript sources (vitest, tsx) and from compiled JavaScript alike.
 */
export function migrations(dialect: SqlDialect): Record<string, Migration> {
  return {
    "0001-catalog": catalog(dialect),
    "0002-customers": customers(dialect),
    "0003-inventory": inventory(dialect),
    "0004-carts": carts(dialect),
    "0005-orders": orders(dialect),
    "0006-movements": movements(dialect),
    "0007-promotions": promotions(dialect),
    "0008-reviews": reviews(dialect),
    "0009-messaging": messaging(dialect),
    "0010-platform": platform(dialect),
    "0011-postgres-partial-indexes": postgresPartialIndexes(dialect),
    "0012-audit-log-append-only": auditLogAppendOnly(dialect),
    "0013-reviews-moderation": reviewsModeration(dialect),
    "0014-analytics": analytics(dialect),
    "0015-recommendations": recommendations(dialect),
  };
}
