import type { SearchResult as DomainSearchResult, SearchSort } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./common.js";
import { BooleanQuery, ProductSummary } from "./product.js";

export const SEARCH_SORTS = [
  "relevance",
  "price_asc",
  "price_desc",
  "rating",
  "popular",
  "newest",
] as const satisfies readonly SearchSort[];

/** Offset paging gets slower the deeper it goes; nobody browses search results past this page. */
export const MAX_SEARCH_PAGE = 500;
export const ATTRIBUTE_PARAM_PREFIX = "attr.";
const MAX_ATTRIBUTE_NAME = 100;
const MAX_FILTER_VALUE = 200;

/**
 * `GET /v1/search`. Besides the named parameters, every `attr.<name>=<value>` parameter is an
 * attribute or option filter (`attr.size=M&attr.colour=blue`), so the object is loose; the
 * refinement checks those extra parameters, and other unknown ones are ignored.
 */
export const SearchQuery = z
  .looseObject({
    q: z
      .string()
      .max(200)
      .default("")
      .openapi({ description: "Words to find; typo-tolerant, synonyms expanded. Empty: browse", example: "headphones" }),
    category: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .openapi({ description: "A category slug or path (as the category facet returns it); includes its subcategories", example: "audio" }),
    brand: z.string().min(1).max(MAX_FILTER_VALUE).optional().openapi({ example: "Sonora" }),
    minPrice: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ type: "integer", minimum: 0, description: "Minor units; a variant must cost at least this", example: 1000 }),
    maxPrice: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ type: "integer", minimum: 0, description: "Minor units; a variant must cost at most this", example: 5000 }),
    inStock: BooleanQuery.optional().openapi({ description: "true: only products with a variant in stock; false: only sold-out ones" }),
    sort: z.enum(SEARCH_SORTS).default("relevance"),
    page: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(1).openapi({ example: 1 }),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).openapi({ example: DEFAULT_PAGE_SIZE }),
  })
  .superRefine((query, ctx) => {
    for (const [key, value] of Object.entries(query)) {
      if (!key.startsWith(ATTRIBUTE_PARAM_PREFIX)) continue;
      const name = key.slice(ATTRIBUTE_PARAM_PREFIX.length);
      if (name === "" || name.length > MAX_ATTRIBUTE_NAME) {
        ctx.addIssue({ code: "custom", path: [key], message: `must be attr.<name> with a name of 1 to ${MAX_ATTRIBUTE_NAME} characters` });
      } else if (typeof value !== "string" || value === "" || value.length > MAX_FILTER_VALUE) {
        ctx.addIssue({ code: "custom", path: [key], message: `must be given once, with a value of 1 to ${MAX_FILTER_VALUE} characters` });
      }
    }
  });

/**
 * The `attr.<name>` parameters in the OpenAPI document. OpenAPI cannot name a parameter by a
 * pattern, so they are declared as one free-form object exploded into the query (style form),
 * whose property names are the parameter names.
 */
export const ATTRIBUTE_FILTER_PARAMETER = {
  name: "attributes",
  in: "query" as const,
  required: false,
  style: "form" as const,
  explode: true,
  description:
    "Attribute and option filters, one `attr.<name>=<value>` parameter each, e.g. `attr.size=M&attr.colour=blue`. " +
    "Options, price and stock must all hold for one and the same variant.",
  schema: {
    type: "object" as const,
    propertyNames: { pattern: "^attr\\..+$" },
    additionalProperties: { type: "string" as const, minLength: 1, maxLength: MAX_FILTER_VALUE },
  },
  example: { "attr.size": "M" },
};

/** The `attr.<name>` filters of a validated search query, by name. */
export function attributeFilters(query: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).flatMap(([key, value]) =>
      key.startsWith(ATTRIBUTE_PARAM_PREFIX) && typeof value === "string" ? [[key.slice(ATTRIBUTE_PARAM_PREFIX.length), value]] : [],
    ),
  );
}

export const FacetValue = z.object({ value: z.string(), count: z.number().int() }).openapi("FacetValue");

export const PriceFacet = z
  .object({
    from: z.number().int().openapi({ description: "Minor units of the store currency, inclusive", example: 2500 }),
    to: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Minor units of the store currency, exclusive; null: no upper bound", example: 5000 }),
    count: z.number().int(),
  })
  .openapi("PriceFacet", { description: "Products whose cheapest variant costs from `from` up to `to`" });

export const SearchFacets = z
  .object({
    category: z.array(FacetValue).openapi({ description: "By primary category path; pass a value back as `category`" }),
    brand: z.array(FacetValue),
    price: z
      .array(PriceFacet)
      .openapi({ description: "Fixed ranges in integer minor units (not money objects), so they pass back as minPrice/maxPrice" }),
    inStock: z.array(FacetValue).openapi({ description: "Values `true` and `false`" }),
    attributes: z
      .record(z.string(), z.array(FacetValue))
      .openapi({ description: "Attribute and option values by name; filter with `attr.<name>`" }),
  })
  .openapi("SearchFacets", { description: "Counts over every match, not only this page" });

export const SearchHit = ProductSummary.extend({
  score: z.number().openapi({ description: "Relevance, boosted for stock, featured and popular products; higher is better" }),
}).openapi("SearchHit");

export const SearchResult = z
  .object({
    hits: z.array(SearchHit),
    total: z.number().int().openapi({ description: "Matches in all pages" }),
    page: z.number().int(),
    limit: z.number().int(),
    facets: SearchFacets,
  })
  .openapi("SearchResult");

export const SuggestQuery = z.object({
  q: z.string().min(1).max(100).openapi({ description: "What the user has typed so far", example: "head" }),
  limit: z.coerce.number().int().min(1).max(20).default(10).openapi({ example: 10 }),
});

export const Suggestions = z
  .object({ suggestions: z.array(z.string()).openapi({ example: ["headphones", "Studio Headphones"] }) })
  .openapi("Suggestions");

export type SearchFacetsJson = z.infer<typeof SearchFacets>;
export type SearchHitJson = z.infer<typeof SearchHit>;

export function toSearchFacetsJson(facets: DomainSearchResult["facets"]): SearchFacetsJson {
  const values = (list: readonly { value: string; count: number }[]) => list.map(({ value, count }) => ({ value, count }));
  return {
    category: values(facets.category),
    brand: values(facets.brand),
    price: facets.price.map(({ from, to, count }) => ({ from, to, count })),
    inStock: values(facets.inStock),
    attributes: Object.fromEntries(Object.entries(facets.attributes).map(([name, list]) => [name, values(list)])),
  };
}
