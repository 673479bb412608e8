import type { CustomerView } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { strictBody } from "./common.js";

/**
 * A postal address, in requests (strict: unknown fields are 422) and responses. Types are checked
 * here; what the values must look like (required, ISO country) is the domain's rule, reported
 * with the same 422 `request.invalid` and field paths.
 */
export const Address = strictBody({
  name: z.string().openapi({ example: "Ada Lovelace" }),
  line1: z.string().openapi({ example: "12 St James's Square" }),
  line2: z.string().nullable().optional(),
  city: z.string().openapi({ example: "London" }),
  postalCode: z.string().openapi({ example: "SW1Y 4JH" }),
  region: z.string().nullable().optional(),
  country: z.string().openapi({ description: "ISO 3166-1 alpha-2, in capitals", example: "GB" }),
  phone: z.string().nullable().optional(),
}).openapi("Address");

export const Customer = z
  .object({
    id: z.string(),
    email: z.string().openapi({ example: "ada@example.com" }),
    name: z.string(),
    phone: z.string().nullable(),
    addresses: z.array(Address),
    role: z.enum(["customer", "admin"]),
    disabled: z.boolean(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Customer");

export type CustomerJson = z.infer<typeof Customer>;

/** `PATCH /v1/me`: only what a customer may change about themselves; role, email, disabled are refused as unknown fields. */
export const UpdateProfileBody = strictBody({
  name: z.string().optional(),
  phone: z.string().nullable().optional().openapi({ description: "null clears it" }),
  addresses: z.array(Address).optional().openapi({ description: "Replaces the whole address book (at most 20)" }),
}).openapi("UpdateProfile");

/** The API form of a customer; the password hash is already gone from `CustomerView`. */
export function toCustomerJson(customer: CustomerView): CustomerJson {
  return {
    id: customer.id,
    email: customer.email,
    name: customer.name,
    phone: customer.phone,
    addresses: customer.addresses.map((address) => ({ ...address })),
    role: customer.role,
    disabled: customer.disabled,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}
