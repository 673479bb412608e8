import { z } from "@hono/zod-openapi";
import { Money, PageQuery, strictBody } from "./common.js";
import { Customer } from "./customer.js";

export const AdminCustomerQuery = PageQuery;

/** What an admin may change about an account; email, name and password are the customer's own. */
export const UpdateCustomerAdminBody = strictBody({
  role: z.enum(["customer", "admin"]).optional(),
  disabled: z.boolean().optional().openapi({ description: "Disabling also revokes the account's refresh tokens" }),
}).openapi("UpdateCustomerAdmin");

/** A customer as the admin list shows it: the account and what it has spent. */
export const AdminCustomer = Customer.extend({
  lifetimeValue: Money.openapi({
    description: "Paid orders minus refunds, kept current by the analytics consumer as orders are paid and refunded",
  }),
}).openapi("AdminCustomer");
