import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { currentAuth, requireAuth } from "../middleware/auth.js";
import { BEARER_SECURITY } from "../ops.js";
import { respondError } from "../problem.js";
import { problemResponses } from "../schemas/common.js";
import { Customer, toCustomerJson, UpdateProfileBody } from "../schemas/customer.js";
import type { RouteContext } from "./route-context.js";

const getMeRoute = createRoute({
  method: "get",
  path: "/me",
  tags: ["account"],
  summary: "The signed-in customer's account",
  security: BEARER_SECURITY,
  middleware: [requireAuth()] as const,
  responses: {
    200: { description: "The account", content: { "application/json": { schema: Customer } } },
    ...problemResponses(401, 404),
  },
});

const patchMeRoute = createRoute({
  method: "patch",
  path: "/me",
  tags: ["account"],
  summary: "Change name, phone or addresses",
  description: "Email, role, password and the disabled flag cannot be changed here; sending them is 422.",
  security: BEARER_SECURITY,
  middleware: [requireAuth()] as const,
  request: { body: { required: true, content: { "application/json": { schema: UpdateProfileBody } } } },
  responses: {
    200: { description: "The updated account", content: { "application/json": { schema: Customer } } },
    ...problemResponses(401, 404, 422),
  },
});

/** The signed-in customer's own account. */
export function meRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(getMeRoute, async (c) => {
    const result = await ctx.useCase("GetProfile").execute({ customerId: currentAuth(c).customerId });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toCustomerJson(result.value), 200);
  });

  app.openapi(patchMeRoute, async (c) => {
    const result = await ctx.useCase("UpdateProfile").execute({ ...c.req.valid("json"), customerId: currentAuth(c).customerId });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toCustomerJson(result.value), 200);
  });

  return app;
}
