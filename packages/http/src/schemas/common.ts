import { z } from "@hono/zod-openapi";
import type { ZodRawShape, ZodType } from "zod";
import { PROBLEM_CONTENT_TYPE } from "../problem.js";

/**
 * A request body that rejects unknown fields (no mass assignment): a client
 * sending `{ role: "admin" }` where it is not allowed gets 422, not silence.
 */
export const strictBody = <Shape extends ZodRawShape>(shape: Shape) => z.strictObject(shape);

export const Money = z
  .object({
    amount: z.number().int().openapi({ description: "Integer minor units (cents)", example: 1999 }),
    currency: z.string().length(3).openapi({ description: "ISO 4217", example: "USD" }),
  })
  .openapi("Money");

export const Problem = z
  .looseObject({
    type: z.string().openapi({ example: "https://emporium.dev/problems/product.not_found" }),
    title: z.string().openapi({ example: "Not Found" }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: "product classic-tee was not found" }),
    code: z.string().openapi({ description: "Stable dotted error code", example: "product.not_found" }),
  })
  .openapi("Problem", { description: "RFC 9457 problem details; some codes add fields (skus, from, event)." });

export const FieldError = z.object({ path: z.string(), message: z.string() }).openapi("FieldError");

export const ValidationProblem = Problem.extend({
  code: z.literal("request.invalid"),
  errors: z.array(FieldError),
}).openapi("ValidationProblem");

/** A page of a list: `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export const pageOf = <Item extends ZodType>(item: Item, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Marks a zod issue as a malformed request (400) rather than an invalid one (422). */
export const MALFORMED = "request.malformed";

// Cursors are opaque base64url tokens made by the repositories; anything else cannot be one.
const CURSOR = /^[A-Za-z0-9_-]{1,512}={0,2}$/;

export const Cursor = z
  .string()
  .refine((value) => CURSOR.test(value), { message: "cursor is not one this API issued", params: { problem: MALFORMED } })
  .openapi({ description: "Opaque; pass the previous page's nextCursor" });

/** `?limit=&cursor=`; routes `.extend()` it with their filters. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).openapi({ example: DEFAULT_PAGE_SIZE }),
  cursor: Cursor.optional(),
});

type ProblemResponseConfig = {
  readonly description: string;
  readonly content: { readonly [PROBLEM_CONTENT_TYPE]: { readonly schema: typeof Problem } };
};

const problemResponse = (status: number | "default"): ProblemResponseConfig => ({
  description: status === "default" ? "Problem details" : status === 422 ? "Validation failed" : "Problem",
  // A validation problem is a problem with `errors`; typed as the base so handlers return either.
  content: { [PROBLEM_CONTENT_TYPE]: { schema: status === 422 ? (ValidationProblem as unknown as typeof Problem) : Problem } },
});

/**
 * OpenAPI responses for the given error statuses, plus `default` so any other
 * problem (429, 413, 500…) is documented and type-checks in handlers:
 * `responses: { 200: {...}, ...problemResponses(404, 409) }`.
 */
export const problemResponses = <const S extends readonly number[]>(...statuses: S) =>
  Object.fromEntries([...statuses, "default" as const].map((status) => [status, problemResponse(status)])) as {
    readonly [K in S[number] | "default"]: ProblemResponseConfig;
  };
