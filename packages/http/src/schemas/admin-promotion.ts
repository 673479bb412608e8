import type { Promotion as DomainPromotion } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { PageQuery, strictBody } from "./common.js";

const KINDS = ["percent_off", "fixed_off", "free_shipping"] as const;

const MINOR_UNITS = "Integer minor units of the store currency (cents)";
const VALUE = "percent_off: basis points (1000 = 10 %); fixed_off: integer minor units; free_shipping: ignored";

/**
 * A coupon as an admin creates it. Unlike prices, its figures are plain integers: `value` is
 * basis points or minor units depending on `kind`, so it cannot be a money object.
 */
export const CreatePromotionBody = strictBody({
  code: z.string().max(40).openapi({ description: "Stored upper-cased; unique whatever its case", example: "SPRING15" }),
  kind: z.enum(KINDS),
  value: z.number().int().optional().openapi({ description: VALUE, example: 1500 }),
  minSubtotal: z
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ description: `${MINOR_UNITS}; default 0` }),
  startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  usageLimit: z.number().int().min(1).nullable().optional().openapi({ description: "Redemptions overall; null for no limit" }),
  perCustomerLimit: z.number().int().min(1).nullable().optional().openapi({ description: "Redemptions per customer; null for no limit" }),
  active: z.boolean().optional().openapi({ description: "Default true" }),
}).openapi("CreatePromotion");

export const Promotion = z
  .object({
    id: z.string(),
    code: z.string().openapi({ example: "SPRING15" }),
    kind: z.enum(KINDS),
    value: z.number().int().openapi({ description: VALUE }),
    minSubtotal: z.number().int().openapi({ description: MINOR_UNITS }),
    startsAt: z.string().nullable().openapi({ format: "date-time" }),
    endsAt: z.string().nullable().openapi({ format: "date-time" }),
    usageLimit: z.number().int().nullable(),
    perCustomerLimit: z.number().int().nullable(),
    timesUsed: z.number().int(),
    active: z.boolean(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Promotion");

export const PromotionQuery = PageQuery;

export type PromotionJson = z.infer<typeof Promotion>;

export function toPromotionJson(promotion: DomainPromotion): PromotionJson {
  return {
    id: promotion.id,
    code: promotion.code,
    kind: promotion.kind,
    value: promotion.value,
    minSubtotal: promotion.minSubtotal,
    startsAt: promotion.startsAt?.toISOString() ?? null,
    endsAt: promotion.endsAt?.toISOString() ?? null,
    usageLimit: promotion.usageLimit,
    perCustomerLimit: promotion.perCustomerLimit,
    timesUsed: promotion.timesUsed,
    active: promotion.active,
    createdAt: promotion.createdAt.toISOString(),
  };
}
