import { Tokens } from "@emporium/adapters";
import { GetProduct } from "@emporium/domain";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import { IdParams } from "../../schemas/admin-common.js";
import { AdminProduct, toAdminProductJson } from "../../schemas/admin-product.js";
import { problemResponses, strictBody } from "../../schemas/common.js";
import { commandOf, type RouteContext } from "../route-context.js";

/** As many as a product page could ever show, with room for some that are out of stock. */
export const MAX_CURATED_RELATED = 50;

export const RelatedProductsBody = strictBody({
  productIds: z
    .array(z.string().min(1).max(200))
    .max(MAX_CURATED_RELATED)
    .refine((ids) => new Set(ids).size === ids.length, { message: "must not repeat a product" })
    .openapi({ description: "Product ids in the order the product page shows them; [] removes the curation" }),
}).openapi("RelatedProducts");

const relatedRoute = createRoute({
  method: "put",
  path: "/products/{id}/related",
  tags: ["admin: catalogue"],
  summary: "Set a product's curated related products",
  description:
    "Replaces the whole list. The product page shows these first, then products often bought together with it, then " +
    "others of its primary category: at most 8, active and in stock only. An unknown id, or the product itself, is 422.",
  security: BEARER_SECURITY,
  request: { params: IdParams, body: { required: true, content: { "application/json": { schema: RelatedProductsBody } } } },
  responses: {
    200: { description: "The product", content: { "application/json": { schema: AdminProduct } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

/** `PUT /admin/products/{id}/related`: curation through UpdateProduct, recorded in the audit log like any product change. */
export function adminRelatedProductRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });
  const { currency } = ctx.config.shop;
  // The primary, so the admin sees the change at once.
  const getProduct = new GetProduct({ repos: ctx.container.get(Tokens.Repositories) });

  app.openapi(relatedRoute, async (c) => {
    const { productIds } = c.req.valid("json");
    const updated = await ctx
      .useCase("UpdateProduct")
      .execute({ ...commandOf(c), productId: c.req.valid("param").id, relatedProductIds: productIds });
    if (!updated.ok) return respondError(c, updated.error);
    const read = await getProduct.execute({ slug: updated.value.slug, includeHidden: true });
    if (!read.ok) return respondError(c, read.error);
    return c.json(toAdminProductJson(read.value, currency), 200);
  });

  return app;
}
