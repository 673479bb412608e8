import type { CartOwner, CartView, DomainError, Result } from "@emporium/domain";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { respondError } from "../problem.js";
import {
  AddCartItemBody,
  ApplyCouponBody,
  Cart,
  CART_TOKEN_HEADER,
  CART_TOKEN_RESPONSE_HEADER,
  CartTokenHeaders,
  toCartJson,
  UpdateCartItemBody,
} from "../schemas/cart.js";
import { problemResponses } from "../schemas/common.js";
import type { RouteContext } from "./route-context.js";

const SkuParams = z.object({
  sku: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "sku", in: "path" }, example: "TEE-BLUE-M" }),
});

const cartResponse = (description: string) => ({
  description,
  headers: CART_TOKEN_RESPONSE_HEADER,
  content: { "application/json": { schema: Cart } },
});

const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { "application/json": { schema } } });

// 401 is declared because a bearer token that is expired or forged is refused, never downgraded to a guest.
const OWNER_NOTE = "The signed-in customer's cart with a bearer token; otherwise the guest cart named by `X-Cart-Token`.";

const getCartRoute = createRoute({
  method: "get",
  path: "/cart",
  tags: ["cart"],
  summary: "The cart, priced now",
  description: `${OWNER_NOTE} Reading never creates a cart: without one the answer is an empty cart with id null.`,
  request: { headers: CartTokenHeaders },
  responses: { 200: cartResponse("The cart"), ...problemResponses(401, 422) },
});

const addItemRoute = createRoute({
  method: "post",
  path: "/cart/items",
  tags: ["cart"],
  summary: "Add units of a SKU",
  description: `${OWNER_NOTE} A guest without a cart gets a new one; its token is in the body and the \`X-Cart-Token\` header.`,
  request: { headers: CartTokenHeaders, body: jsonBody(AddCartItemBody) },
  responses: { 200: cartResponse("The updated cart"), ...problemResponses(401, 404, 409, 422) },
});

const updateItemRoute = createRoute({
  method: "patch",
  path: "/cart/items/{sku}",
  tags: ["cart"],
  summary: "Set the quantity of a line",
  description: OWNER_NOTE,
  request: { headers: CartTokenHeaders, params: SkuParams, body: jsonBody(UpdateCartItemBody) },
  responses: { 200: cartResponse("The updated cart"), ...problemResponses(401, 404, 409, 422) },
});

const removeItemRoute = createRoute({
  method: "delete",
  path: "/cart/items/{sku}",
  tags: ["cart"],
  summary: "Remove a line",
  description: OWNER_NOTE,
  request: { headers: CartTokenHeaders, params: SkuParams },
  responses: { 200: cartResponse("The updated cart"), ...problemResponses(401, 404, 422) },
});

const applyCouponRoute = createRoute({
  method: "post",
  path: "/cart/coupon",
  tags: ["cart"],
  summary: "Put a coupon on the cart",
  description: `${OWNER_NOTE} A coupon that does not apply now is refused with 422 promotion.not_applicable and its reason.`,
  request: { headers: CartTokenHeaders, body: jsonBody(ApplyCouponBody) },
  responses: { 200: cartResponse("The cart with the coupon applied"), ...problemResponses(401, 422) },
});

const removeCouponRoute = createRoute({
  method: "delete",
  path: "/cart/coupon",
  tags: ["cart"],
  summary: "Take the coupon off the cart",
  description: OWNER_NOTE,
  request: { headers: CartTokenHeaders },
  responses: { 200: cartResponse("The cart without a coupon"), ...problemResponses(401, 422) },
});

/** Whose cart a request is about: the bearer's, else the guest token's (a signed-in customer's token header is ignored). */
function ownerOf(c: Context<AppEnv>, headers: { readonly "x-cart-token"?: string | undefined }): CartOwner {
  const auth = c.get("auth");
  return auth === undefined ? { token: headers["x-cart-token"] ?? null } : { customerId: auth.customerId };
}

/** The cart as JSON; a guest cart also hands its token back in `X-Cart-Token`. */
function respondCart(c: Context<AppEnv>, result: Result<CartView, DomainError>) {
  if (!result.ok) return respondError(c, result.error);
  if (result.value.token !== null) c.header(CART_TOKEN_HEADER, result.value.token);
  return c.json(toCartJson(result.value), 200);
}

/** Carts of guests (by token) and of signed-in customers; priced by the server on every answer. */
export function cartRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(getCartRoute, async (c) => respondCart(c, await ctx.useCase("GetCart").execute(ownerOf(c, c.req.valid("header")))));

  app.openapi(addItemRoute, async (c) => {
    const owner = ownerOf(c, c.req.valid("header"));
    return respondCart(c, await ctx.useCase("AddCartItem").execute({ ...owner, ...c.req.valid("json") }));
  });

  app.openapi(updateItemRoute, async (c) => {
    const owner = ownerOf(c, c.req.valid("header"));
    const { sku } = c.req.valid("param");
    return respondCart(c, await ctx.useCase("UpdateCartItem").execute({ ...owner, sku, quantity: c.req.valid("json").quantity }));
  });

  app.openapi(removeItemRoute, async (c) => {
    const owner = ownerOf(c, c.req.valid("header"));
    return respondCart(c, await ctx.useCase("RemoveCartItem").execute({ ...owner, sku: c.req.valid("param").sku }));
  });

  app.openapi(applyCouponRoute, async (c) => {
    const owner = ownerOf(c, c.req.valid("header"));
    return respondCart(c, await ctx.useCase("ApplyCoupon").execute({ ...owner, code: c.req.valid("json").code }));
  });

  app.openapi(removeCouponRoute, async (c) =>
    respondCart(c, await ctx.useCase("ApplyCoupon").execute({ ...ownerOf(c, c.req.valid("header")), code: null })),
  );

  return app;
}
