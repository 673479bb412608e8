import { authRoutes } from "./auth.js";
import { cartRoutes } from "./cart.js";
import { checkoutRoutes } from "./checkout.js";
import { meRoutes } from "./me.js";
import { ordersRoutes } from "./orders.js";
import { webhooksRoutes } from "./webhooks.js";
import { catalogRoutes } from "./catalog.js";
import { searchRoutes } from "./search.js";
import { reviewsRoutes } from "./reviews.js";
import { adminRoutes } from "./admin/index.js";
import type { RouteModule } from "./route-context.js";

export * from "./route-context.js";

/** Every `/v1` route group, mounted in this order by `createApp`. Append a module to add its routes. */
export const ROUTE_MODULES: RouteModule[] = [
  authRoutes,
  meRoutes,
  cartRoutes,
  checkoutRoutes,
  ordersRoutes,
  webhooksRoutes,
  catalogRoutes,
  searchRoutes,
  reviewsRoutes,
  adminRoutes,
];
