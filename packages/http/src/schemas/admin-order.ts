import { z } from "@hono/zod-openapi";
import { PageQuery, strictBody } from "./common.js";
import { OrderStatus } from "./order.js";

export const AdminOrderQuery = PageQuery.extend({ status: OrderStatus.optional() });

export const ShipOrderBody = strictBody({
  trackingNumber: z.string().min(1).max(100).openapi({ example: "1Z999AA10123456784" }),
}).openapi("ShipOrder");

export const RefundOrderBody = strictBody({
  restock: z.boolean().default(false).openapi({ description: "Put the returned goods back on hand (return movements)" }),
}).openapi("RefundOrder", { description: "Optional; without a body nothing is restocked" });
