import { z } from "@hono/zod-openapi";

// Ids and SKUs are short; a longer path segment is refused as 422 (every route with one declares it).
const pathParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: "path" }, example });

/** `{id}` of an admin resource. */
export const IdParams = z.object({ id: pathParam("id", "01JD3Z6X8K2M4N5P6Q7R8S9T0V") });

/** `{sku}` of a stock level. */
export const SkuParams = z.object({ sku: pathParam("sku", "TEE-BLUE-M") });

/** `{id}/variants/{sku}`. */
export const VariantParams = z.object({ id: pathParam("id", "01JD3Z6X8K2M4N5P6Q7R8S9T0V"), sku: pathParam("sku", "TEE-BLUE-M") });
