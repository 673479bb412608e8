/** The parts of an OpenAPI 3.1 document (and its JSON Schemas) the generated tests read. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly example?: unknown;
  readonly default?: unknown;
}

export interface Parameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required?: boolean;
  readonly schema?: JsonSchema;
  readonly style?: string;
  readonly explode?: boolean;
}

export interface MediaType {
  readonly schema?: JsonSchema;
}

export interface ResponseObject {
  readonly description: string;
  readonly content?: Readonly<Record<string, MediaType>>;
}

export interface OperationObject {
  readonly operationId?: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Readonly<Record<string, MediaType>> };
  readonly responses: Readonly<Record<string, ResponseObject>>;
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}

export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** One operation of the document, with what a request generator needs already picked out. */
export interface Operation {
  /** `GET /v1/orders/{id}`: how tests and reports name it. */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly pathParams: readonly Parameter[];
  /** The JSON request body's schema, when the operation takes one. */
  readonly body: JsonSchema | undefined;
  readonly bodyRequired: boolean;
  readonly responses: Readonly<Record<string, ResponseObject>>;
  /** A bearer token is required: `security` is set and offers no anonymous `{}` alternative. */
  readonly requiresToken: boolean;
  /** Under `/v1/admin`: needs the admin role. */
  readonly admin: boolean;
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => {
      const op = item[method]!;
      const parameters = op.parameters ?? [];
      const security = op.security ?? [];
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters,
        pathParams: parameters.filter((p) => p.in === "path"),
        body: op.requestBody?.content["application/json"]?.schema,
        bodyRequired: op.requestBody?.required === true,
        responses: op.responses,
        requiresToken: security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0),
        admin: path.startsWith("/v1/admin/") || path === "/v1/admin",
      };
    }),
  );
}

/** Follows `#/components/schemas/X` references (and only those: the app emits no others). */
export function resolver(doc: OpenApiDocument): (schema: JsonSchema) => JsonSchema {
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (schema.$ref === undefined) return schema;
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : doc.components?.schemas?.[decodeURIComponent(name)];
    if (target === undefined) throw new Error(`unresolvable $ref ${schema.$ref}`);
    return resolve(target);
  };
  return resolve;
}

/** Fills `{name}` placeholders with URI-encoded values. */
export function fillPath(path: string, values: Readonly<Record<string, string>>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encodeURIComponent(value);
  });
}
