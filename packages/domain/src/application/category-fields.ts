import { SLUG_PATTERN } from "../catalog/catalog-rules.js";
import type { AttributeDefinition } from "../catalog/category.js";
import type { FieldIssue } from "../errors.js";
import { validateName } from "./validate-name.js";

const ATTRIBUTE_TYPES: ReadonlySet<string> = new Set(["text", "number", "boolean", "enum"]);

/** Issues with the editable fields of a category; absent fields are not checked. */
export function validateCategoryFields(fields: {
  readonly name?: string;
  readonly slug?: string;
  readonly position?: number;
  readonly attributeDefinitions?: readonly AttributeDefinition[];
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (fields.name !== undefined) issues.push(...validateName(fields.name, "name"));
  if (fields.slug !== undefined && !SLUG_PATTERN.test(fields.slug)) {
    issues.push({ path: "slug", message: "must be lower-case letters and digits separated by single dashes, such as t-shirts" });
  }
  if (fields.position !== undefined && (!Number.isSafeInteger(fields.position) || fields.position < 0)) {
    issues.push({ path: "position", message: "must be a non-negative whole number" });
  }
  const seen = new Set<string>();
  fields.attributeDefinitions?.forEach((definition, i) => {
    const path = `attributeDefinitions[${i}]`;
    if (definition.name.trim() === "") issues.push({ path: `${path}.name`, message: "is required" });
    else if (seen.has(definition.name)) issues.push({ path: `${path}.name`, message: `${definition.name} is defined twice` });
    seen.add(definition.name);
    if (!ATTRIBUTE_TYPES.has(definition.type)) issues.push({ path: `${path}.type`, message: "must be text, number, boolean or enum" });
    if (definition.type === "enum" && (definition.values === undefined || definition.values.length === 0)) {
      issues.push({ path: `${path}.values`, message: "must list the allowed values of an enum attribute" });
    }
  });
  return issues;
}
