import fc from "fast-check";
import type { JsonSchema } from "./openapi-document.js";

export interface SchemaArbitraryOptions {
  /** Follows `$ref`s. */
  readonly resolve: (schema: JsonSchema) => JsonSchema;
  /** Longest generated string when the schema allows longer; keeps valid requests readable. */
  readonly maxStringLength?: number;
  /** Real values for a string field of this name (ids, SKUs, codes), preferred over made-up ones. */
  readonly fieldValues?: (name: string) => readonly string[];
}

const DEPTH_LIMIT = 6;

const typesOf = (schema: JsonSchema): string[] => {
  if (schema.type === undefined) return schema.properties !== undefined ? ["object"] : [];
  return typeof schema.type === "string" ? [schema.type] : [...schema.type];
};

/** Merges `allOf` parts into one object schema (the app's documents use it only to extend objects). */
function merged(parts: readonly JsonSchema[], resolve: (schema: JsonSchema) => JsonSchema): JsonSchema {
  return parts.map(resolve).reduce<JsonSchema>(
    (acc, part) => ({
      ...acc,
      ...part,
      properties: { ...acc.properties, ...part.properties },
      required: [...(acc.required ?? []), ...(part.required ?? [])],
    }),
    {},
  );
}

function stringArbitrary(schema: JsonSchema, maxStringLength: number): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? maxStringLength, maxStringLength));
  const fits = (value: string) => value.length >= minLength && value.length <= (schema.maxLength ?? Infinity);
  switch (schema.format) {
    case "email":
      return fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/).map((local) => `${local}@example.com`);
    case "date-time":
      return fc
        .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T23:59:59Z"), noInvalidDate: true })
        .map((date) => date.toISOString());
    case "date":
      return fc
        .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T23:59:59Z"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case "uuid":
      return fc.uuid();
    case "uri":
    case "url":
      return fc.stringMatching(/^[a-z0-9]{1,12}$/).map((segment) => `https://images.example.com/${segment}.jpg`);
    default:
      break;
  }
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.string({ unit: "grapheme-ascii", minLength, maxLength });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -1000);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : 100_000);
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/**
 * A fast-check arbitrary of values the JSON Schema accepts. It leans on the schema's `example`
 * (which the route authors chose to pass the domain's rules too), so most generated bodies get
 * past validation and reach the use case; the rest explore the schema's whole space.
 */
export function schemaArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const { resolve, maxStringLength = 24, fieldValues = () => [] } = options;
  const s = resolve(schema);
  if (s.allOf !== undefined) return schemaArbitrary(merged(s.allOf, resolve), options, depth, name);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((alt) => schemaArbitrary(alt, options, depth, name)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum !== undefined) return fc.constantFrom(...s.enum);

  const generated = fc.oneof(
    ...typesOf(s).map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case "string": {
          const real = name === undefined || s.format !== undefined ? [] : fieldValues(name);
          const made = stringArbitrary(s, maxStringLength);
          return real.length === 0 ? made : fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 3 }, { arbitrary: made, weight: 1 });
        }
        case "integer":
          return numberArbitrary(s, true);
        case "number":
          return numberArbitrary(s, false);
        case "boolean":
          return fc.boolean();
        case "null":
          return fc.constant(null);
        case "array":
          return arrayArbitrary(s, options, depth, name);
        case "object":
          return objectArbitrary(s, options, depth);
        default:
          return fc.jsonValue({ maxDepth: 1 });
      }
    }),
    ...(typesOf(s).length === 0 ? [fc.jsonValue({ maxDepth: 1 })] : []),
  );
  return s.example === undefined
    ? generated
    : fc.oneof({ arbitrary: fc.constant(s.example), weight: 3 }, { arbitrary: generated, weight: 1 });
}

function arrayArbitrary(s: JsonSchema, options: SchemaArbitraryOptions, depth: number, name?: string): fc.Arbitrary<unknown[]> {
  const minLength = s.minItems ?? 0;
  if (s.items === undefined || depth >= DEPTH_LIMIT) return fc.constant([]);
  // Items of `categoryIds` are category ids: the field's name speaks for them.
  return fc.array(schemaArbitrary(s.items, options, depth + 1, name), {
    minLength,
    maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)),
  });
}

function objectArbitrary(s: JsonSchema, options: SchemaArbitraryOptions, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model = Object.fromEntries(
    Object.entries(properties)
      .filter(([name]) => depth < DEPTH_LIMIT || required.has(name))
      .map(([name, property]) => [name, schemaArbitrary(property, options, depth + 1, name)]),
  );
  const fixed = fc.record(model, { requiredKeys: [...required].filter((name) => name in model) });
  const extra = s.additionalProperties;
  if (typeof extra !== "object" || depth >= DEPTH_LIMIT) return fixed;
  const keys =
    s.propertyNames?.pattern === undefined
      ? fc.string({ minLength: 1, maxLength: 12 })
      : fc.stringMatching(new RegExp(s.propertyNames.pattern));
  return fc
    .tuple(
      fixed,
      fc.dictionary(
        keys.filter((key) => key.length <= 40),
        schemaArbitrary(extra, options, depth + 1),
        { maxKeys: 2 },
      ),
    )
    .map(([known, more]) => ({ ...more, ...known }));
}

/** One value the schema accepts, the same for the same seed. */
export function sampleOf(schema: JsonSchema, options: SchemaArbitraryOptions, seed = 1): unknown {
  return fc.sample(schemaArbitrary(schema, options), { seed, numRuns: 1 })[0];
}
