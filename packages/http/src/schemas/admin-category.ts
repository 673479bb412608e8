import type { AttributeDefinition as DomainAttributeDefinition, Category } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { strictBody } from "./common.js";
import { AttributeDefinition } from "./category.js";

const AttributeDefinitionInput = strictBody({
  name: z.string().openapi({ example: "material" }),
  type: z.enum(["text", "number", "boolean", "enum"]),
  values: z.array(z.string()).optional().openapi({ description: "Required for enum: the allowed values" }),
  facetable: z.boolean().default(false).openapi({ description: "Offered as a search facet" }),
}).openapi("AttributeDefinitionInput");

const categoryFields = {
  slug: z.string().max(200).optional().openapi({ description: "Unique across the tree", example: "t-shirts" }),
  position: z.number().int().min(0).optional().openapi({ description: "Order among its siblings" }),
  attributeDefinitions: z.array(AttributeDefinitionInput).optional(),
};

export const CreateCategoryBody = strictBody({
  name: z.string().openapi({ example: "T-Shirts" }),
  parentId: z.string().nullable().optional().openapi({ description: "Absent or null: a root category" }),
  ...categoryFields,
}).openapi("CreateCategory", { description: "The slug is derived from the name when absent" });

export const UpdateCategoryBody = strictBody({
  name: z.string().optional(),
  parentId: z.string().nullable().optional().openapi({ description: "Moves the category; null moves it to the root" }),
  ...categoryFields,
}).openapi("UpdateCategory", { description: "Only the fields given change; moving recomputes the paths below" });

/** A category as stored: the store's category page without the tree around it. */
export const AdminCategory = z
  .object({
    id: z.string(),
    slug: z.string().openapi({ example: "t-shirts" }),
    name: z.string().openapi({ example: "T-Shirts" }),
    parentId: z.string().nullable(),
    path: z.string().openapi({ example: "apparel/tops/t-shirts" }),
    position: z.number().int(),
    attributeDefinitions: z.array(AttributeDefinition),
  })
  .openapi("AdminCategory");

export type AdminCategoryJson = z.infer<typeof AdminCategory>;

const toAttributeDefinitionJson = ({ name, type, values, facetable }: DomainAttributeDefinition) => ({
  name,
  type,
  facetable,
  ...(values === undefined ? {} : { values: [...values] }),
});

export function toAdminCategoryJson(category: Category): AdminCategoryJson {
  return {
    id: category.id,
    slug: category.slug,
    name: category.name,
    parentId: category.parentId,
    path: category.path,
    position: category.position,
    attributeDefinitions: category.attributeDefinitions.map(toAttributeDefinitionJson),
  };
}
