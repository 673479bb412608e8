export type AttributeType = "text" | "number" | "boolean" | "enum";

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly values?: readonly string[];
  readonly facetable: boolean;
}

/** A node of the category tree. `path` is the slash-joined slugs from the root, e.g. `apparel/tops`. */
export interface Category {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly path: string;
  readonly position: number;
  readonly attributeDefinitions: readonly AttributeDefinition[];
}
