import { Tokens } from "@emporium/adapters";
import { GetProduct, notFound, type Product } from "@emporium/domain";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import { IdParams, VariantParams } from "../../schemas/admin-common.js";
import { AdminProduct, AdminProductQuery, adminProductBodies, toAdminProductJson, toVariantInput } from "../../schemas/admin-product.js";
import { pageOf, problemResponses } from "../../schemas/common.js";
import { ProductSummary, toProductSummaryJson } from "../../schemas/product.js";
import { commandOf, type RouteContext } from "../route-context.js";
import { badCursor, readPage } from "./paging.js";

const AdminProductPage = pageOf(ProductSummary, "AdminProductPage");
const json = <S>(description: string, schema: S) => ({ description, content: { "application/json": { schema } } });
const body = <S>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
const common = { tags: ["admin: catalogue"], security: BEARER_SECURITY };

function productRoutes(currency: string) {
  const { CreateProductBody, UpdateProductBody, NewVariantBody, UpdateVariantBody } = adminProductBodies(currency);
  return {
    list: createRoute({
      ...common,
      method: "get",
      path: "/products",
      summary: "Every product, whatever its status, newest first",
      request: { query: AdminProductQuery },
      responses: { 200: json("A page of product summaries", AdminProductPage), ...problemResponses(400, 401, 403, 404, 422) },
    }),
    get: createRoute({
      ...common,
      method: "get",
      path: "/products/{id}",
      summary: "One product by id, drafts, archived products and archived variants included",
      request: { params: IdParams },
      responses: { 200: json("The product", AdminProduct), ...problemResponses(401, 403, 404, 422) },
    }),
    create: createRoute({
      ...common,
      method: "post",
      path: "/products",
      summary: "Create a product with its variants",
      description: "Slugs and SKUs are unique across the catalogue (409 `catalog.slug_taken`, `catalog.sku_taken`).",
      request: { body: body(CreateProductBody) },
      responses: { 201: json("The product", AdminProduct), ...problemResponses(401, 403, 409, 422) },
    }),
    update: createRoute({
      ...common,
      method: "patch",
      path: "/products/{id}",
      summary: "Change a product's fields",
      request: { params: IdParams, body: body(UpdateProductBody) },
      responses: { 200: json("The product", AdminProduct), ...problemResponses(401, 403, 404, 409, 422) },
    }),
    archive: createRoute({
      ...common,
      method: "delete",
      path: "/products/{id}",
      summary: "Archive a product (the soft delete)",
      description: "It leaves the store, search and carts but stays on the orders that bought it. Archiving twice is harmless.",
      request: { params: IdParams },
      responses: { 204: { description: "Archived" }, ...problemResponses(401, 403, 404, 422) },
    }),
    addVariant: createRoute({
      ...common,
      method: "post",
      path: "/products/{id}/variants",
      summary: "Add a variant (a new SKU) to a product",
      request: { params: IdParams, body: body(NewVariantBody) },
      responses: { 201: json("The product with its new variant", AdminProduct), ...problemResponses(401, 403, 404, 409, 422) },
    }),
    updateVariant: createRoute({
      ...common,
      method: "patch",
      path: "/products/{id}/variants/{sku}",
      summary: "Change a variant's options, price, status or low-stock threshold",
      request: { params: VariantParams, body: body(UpdateVariantBody) },
      responses: { 200: json("The product", AdminProduct), ...problemResponses(401, 403, 404, 422) },
    }),
  };
}

/** `/admin/products`: the catalogue in every status, and its changes (each recorded in the audit log). */
export function adminProductRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });
  const { currency } = ctx.config.shop;
  const routes = productRoutes(currency);
  // Read from the primary, not the replica: an admin sees their own change at once.
  const getProduct = new GetProduct({ repos: ctx.container.get(Tokens.Repositories) });

  const detail = async <S extends 200 | 201>(c: Context<AppEnv>, product: Product, status: S) => {
    const read = await getProduct.execute({ slug: product.slug, includeHidden: true });
    if (!read.ok) return respondError(c, read.error);
    return c.json(toAdminProductJson(read.value, currency), status);
  };

  app.openapi(routes.list, async (c) => {
    const { limit, cursor, status, category, brand } = c.req.valid("query");
    const page = await readPage(
      ctx.useCase("ListProducts").execute({ includeHidden: true, status, categorySlug: category, brand, limit, cursor: cursor ?? null }),
    );
    if (page === null) return badCursor(c);
    if (!page.ok) return respondError(c, page.error);
    return c.json({ items: page.value.items.map((item) => toProductSummaryJson(item, currency)), nextCursor: page.value.nextCursor }, 200);
  });

  app.openapi(routes.get, async (c) => {
    const { id } = c.req.valid("param");
    const product = await ctx.container.get(Tokens.Repositories).products.findById(id);
    if (product === null) return respondError(c, notFound("product", id));
    return detail(c, product, 200);
  });

  app.openapi(routes.create, async (c) => {
    const { variants, ...fields } = c.req.valid("json");
    const result = await ctx.useCase("CreateProduct").execute({ ...commandOf(c), ...fields, variants: variants.map(toVariantInput) });
    if (!result.ok) return respondError(c, result.error);
    return detail(c, result.value, 201);
  });

  app.openapi(routes.update, async (c) => {
    const result = await ctx
      .useCase("UpdateProduct")
      .execute({ ...commandOf(c), ...c.req.valid("json"), productId: c.req.valid("param").id });
    if (!result.ok) return respondError(c, result.error);
    return detail(c, result.value, 200);
  });

  app.openapi(routes.archive, async (c) => {
    const result = await ctx.useCase("ArchiveProduct").execute({ ...commandOf(c), productId: c.req.valid("param").id });
    if (!result.ok) return respondError(c, result.error);
    return c.body(null, 204);
  });

  app.openapi(routes.addVariant, async (c) => {
    const result = await ctx.useCase("AddVariant").execute({
      ...commandOf(c),
      productId: c.req.valid("param").id,
      variant: toVariantInput(c.req.valid("json")),
    });
    if (!result.ok) return respondError(c, result.error);
    return detail(c, result.value, 201);
  });

  app.openapi(routes.updateVariant, async (c) => {
    const { id, sku } = c.req.valid("param");
    const { price, ...fields } = c.req.valid("json");
    const result = await ctx.useCase("UpdateVariant").execute({
      ...commandOf(c),
      ...fields,
      ...(price === undefined ? {} : { price: price.amount }),
      productId: id,
      sku,
    });
    if (!result.ok) return respondError(c, result.error);
    return detail(c, result.value, 200);
  });

  return app;
}
