import { Tokens } from "@emporium/adapters";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import { IdParams } from "../../schemas/admin-common.js";
import { AdminCustomer, AdminCustomerQuery, UpdateCustomerAdminBody } from "../../schemas/admin-customer.js";
import { pageOf, problemResponses } from "../../schemas/common.js";
import { Customer, toCustomerJson } from "../../schemas/customer.js";
import { actorOf, commandOf, type RouteContext } from "../route-context.js";
import { badCursor, readPage } from "./paging.js";

const common = { tags: ["admin: customers"], security: BEARER_SECURITY };
const CustomerPage = pageOf(AdminCustomer, "CustomerPage");

const listRoute = createRoute({
  ...common,
  method: "get",
  path: "/customers",
  summary: "Every customer account (never a password hash)",
  request: { query: AdminCustomerQuery },
  responses: {
    200: { description: "A page of customers", content: { "application/json": { schema: CustomerPage } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

const updateRoute = createRoute({
  ...common,
  method: "patch",
  path: "/customers/{id}",
  summary: "Change a customer's role or disable the account",
  description: "Disabling revokes the account's refresh tokens. An admin cannot demote or disable themselves (422).",
  request: { params: IdParams, body: { required: true, content: { "application/json": { schema: UpdateCustomerAdminBody } } } },
  responses: {
    200: { description: "The customer", content: { "application/json": { schema: Customer } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

/** `/admin/customers`: accounts, roles and the disabled flag. */
export function adminCustomerRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await readPage(ctx.useCase("ListCustomers").execute({ actor: actorOf(c), limit, cursor: cursor ?? null }));
    if (page === null) return badCursor(c);
    if (!page.ok) return respondError(c, page.error);
    const { currency } = ctx.config.shop;
    const stats = await ctx.container.get(Tokens.Reports).customerStatsFor(page.value.items.map((customer) => customer.id));
    const values = new Map(stats.map((s) => [s.customerId, s.lifetimeValue]));
    const items = page.value.items.map((customer) => ({
      ...toCustomerJson(customer),
      lifetimeValue: { amount: values.get(customer.id) ?? 0, currency },
    }));
    return c.json({ items, nextCursor: page.value.nextCursor }, 200);
  });

  app.openapi(updateRoute, async (c) => {
    const result = await ctx
      .useCase("UpdateCustomerAdmin")
      .execute({ ...commandOf(c), ...c.req.valid("json"), customerId: c.req.valid("param").id });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toCustomerJson(result.value), 200);
  });

  return app;
}
