import type { CategoryDetail as DomainCategoryDetail, CategoryNode as DomainCategoryNode } from "@emporium/domain";
import { z } from "@hono/zod-openapi";

export const CategoryNode = z
  .object({
    id: z.string(),
    slug: z.string().openapi({ example: "t-shirts" }),
    name: z.string().openapi({ example: "T-Shirts" }),
    path: z.string().openapi({ description: "Slugs from the root, slash-joined", example: "apparel/tops/t-shirts" }),
    get children(): z.ZodArray<typeof CategoryNode> {
      return z.array(CategoryNode);
    },
  })
  .openapi("CategoryNode", { description: "A category and its subtree; siblings by position, then name" });

export const CategoryTree = z
  .object({
    items: z.array(CategoryNode).openapi({ description: "The root categories with their subtrees" }),
    nextCursor: z.null().openapi({ description: "Always null: the whole tree is one page" }),
  })
  .openapi("CategoryTree");

export const AttributeDefinition = z
  .object({
    name: z.string().openapi({ example: "material" }),
    type: z.enum(["text", "number", "boolean", "enum"]),
    values: z.array(z.string()).optional().openapi({ description: "The allowed values of an enum attribute" }),
    facetable: z.boolean(),
  })
  .openapi("AttributeDefinition");

export const CategoryRef = z.object({ id: z.string(), slug: z.string(), name: z.string(), path: z.string() }).openapi("CategoryRef");

export const Category = z
  .object({
    id: z.string(),
    slug: z.string().openapi({ example: "tops" }),
    name: z.string().openapi({ example: "Tops" }),
    parentId: z.string().nullable(),
    path: z.string().openapi({ example: "apparel/tops" }),
    position: z.number().int().openapi({ description: "Order among its siblings" }),
    attributeDefinitions: z.array(AttributeDefinition),
    children: z.array(CategoryNode),
    ancestors: z.array(CategoryRef).openapi({ description: "From the root down to the parent (breadcrumbs)" }),
  })
  .openapi("Category");

export type CategoryNodeJson = z.infer<typeof CategoryNode>;
export type CategoryJson = z.infer<typeof Category>;

export function toCategoryNodeJson(node: DomainCategoryNode): CategoryNodeJson {
  return { id: node.id, slug: node.slug, name: node.name, path: node.path, children: node.children.map(toCategoryNodeJson) };
}

export function toCategoryJson(category: DomainCategoryDetail): CategoryJson {
  return {
    id: category.id,
    slug: category.slug,
    name: category.name,
    parentId: category.parentId,
    path: category.path,
    position: category.position,
    attributeDefinitions: category.attributeDefinitions.map(({ name, type, values, facetable }) => ({
      name,
      type,
      facetable,
      ...(values === undefined ? {} : { values: [...values] }),
    })),
    children: category.children.map(toCategoryNodeJson),
    ancestors: category.ancestors.map(({ id, slug, name, path }) => ({ id, slug, name, path })),
  };
}
