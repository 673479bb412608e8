import fc from "fast-check";
import type { ApiRequest, AuthMode, BodyKind } from "./api-request.js";
import { BODY_MUTATIONS, NOT_JSON, WRONG_TYPED, type Json } from "./json-mutations.js";
import type { KnownValues } from "./known-values.js";
import { fillPath, type JsonSchema, type Operation, type Parameter } from "./openapi-document.js";
import { schemaArbitrary, type SchemaArbitraryOptions } from "./schema-arbitrary.js";

export interface RequestContext {
  readonly resolve: (schema: JsonSchema) => JsonSchema;
  readonly tokens: { readonly customer: string; readonly admin: string };
  /** Identifiers of real resources (ids, SKUs, slugs, codes seen in responses). */
  readonly known: Pick<KnownValues, "forPath" | "forField">;
}

const schemaOptions = (ctx: RequestContext): SchemaArbitraryOptions => ({
  resolve: ctx.resolve,
  fieldValues: (name) => ctx.known.forField(name),
});
const paramArbitrary = (param: Parameter, ctx: RequestContext) =>
  schemaArbitrary(param.schema ?? { type: "string" }, schemaOptions(ctx), 0, param.name);

/** A piece of a request with the list of ways it departs from a valid one. */
interface Part<T> {
  readonly value: T;
  readonly mutations: readonly string[];
}

const valid = <T>(value: T): Part<T> => ({ value, mutations: [] });
const mutated = <T>(value: T, mutation: string): Part<T> => ({ value, mutations: [mutation] });

// A token signed with another secret: well-formed, so it reaches signature verification.
const FORGED_TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiIsImV4cCI6NDEwMjQ0NDgwMH0.c2lnbmVkLXdpdGgtYW5vdGhlci1zZWNyZXQ";

/** Who the operation is meant for: the admin under /v1/admin, a customer where a token is required, anyone otherwise. */
export const intendedCaller = (op: Operation): AuthMode => (op.admin ? "admin" : op.requiresToken ? "customer" : "none");

function authHeaders(mode: AuthMode, ctx: RequestContext): Record<string, string> {
  switch (mode) {
    case "none":
      return {};
    case "customer":
      return { Authorization: `Bearer ${ctx.tokens.customer}` };
    case "admin":
      return { Authorization: `Bearer ${ctx.tokens.admin}` };
    case "forged":
      return { Authorization: `Bearer ${FORGED_TOKEN}` };
    case "malformed-header":
      return { Authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` };
  }
}

function authArbitrary(op: Operation): fc.Arbitrary<Part<AuthMode>> {
  const intended = intendedCaller(op);
  const other: AuthMode = intended === "admin" ? "customer" : intended === "customer" ? "admin" : "customer";
  return fc.oneof(
    { arbitrary: fc.constant(valid(intended)), weight: 12 },
    { arbitrary: fc.constant(mutated(other, `auth as ${other}`)), weight: intended === "none" ? 4 : 1 },
    ...(intended === "none" ? [] : [{ arbitrary: fc.constant(mutated<AuthMode>("none", "no token")), weight: 1 }]),
    { arbitrary: fc.constantFrom<AuthMode>("forged", "malformed-header").map((mode) => mutated(mode, `${mode} token`)), weight: 1 },
  );
}

// Path segments that name nothing, or try to escape their segment or their owner.
const ODD_SEGMENTS = [
  "0",
  "-1",
  "99999999999999999999999",
  "null",
  "undefined",
  "..",
  "../admin",
  "%",
  " ",
  "' OR '1'='1",
  "<script>",
  "a/b",
  "\u0000",
];

function pathValueArbitrary(param: Parameter, path: string, ctx: RequestContext): fc.Arbitrary<Part<string>> {
  const { scoped, all } = ctx.known.forPath(param, path);
  const schemaValid = paramArbitrary(param, ctx)
    .map(String)
    .filter((value) => value !== "");
  return fc.oneof(
    ...(scoped.length > 0 ? [{ arbitrary: fc.constantFrom(...scoped).map(valid), weight: 8 }] : []),
    ...(all.length > 0 ? [{ arbitrary: fc.constantFrom(...all).map(valid), weight: 3 }] : []),
    { arbitrary: schemaValid.map(valid), weight: 2 },
    { arbitrary: fc.constantFrom(...ODD_SEGMENTS).map((value) => mutated(value, `path ${param.name}: odd`)), weight: 1 },
    {
      arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).map((value) => mutated(value, `path ${param.name}: unicode`)),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(300, 5000).map((n) => mutated("x".repeat(n), `path ${param.name}: ${n} chars`)), weight: 1 },
  );
}

/** A query parameter's value(s) as the client would send them: objects exploded, arrays repeated, null omitted. */
function queryPairs(param: Parameter, value: unknown): [string, string][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item) => [param.name, String(item)]);
  if (typeof value === "object") return Object.entries(value).map(([key, item]) => [key, String(item)]);
  return [[param.name, String(value)]];
}

const BAD_CURSORS = [
  "!!!",
  "%%%",
  "not a cursor",
  "a".repeat(600),
  "eyJpZCI6MX0",
  "eyJzb3J0IjoibmV3ZXN0IiwiaWQiOiIxIn0",
  "AAAA",
  "_-_-",
  "==",
];
const WRONG_SCALARS = ["abc", "-1", "0", "1.5", "1e309", "NaN", "Infinity", "true", "", "9".repeat(40), "[]", "{}", "null"];

/** A value the schema accepts, or none when the parameter is optional; a cursor only comes from a list, so valid requests leave it out. */
function validQueryParam(param: Parameter, ctx: RequestContext): fc.Arbitrary<[string, string][]> {
  const value = paramArbitrary(param, ctx).map((v) => queryPairs(param, v));
  if (param.required === true) return value;
  if (param.name === "cursor") return fc.constant([]);
  return fc.oneof(fc.constant<[string, string][]>([]), value);
}

function mutatedQueryParam(param: Parameter, ctx: RequestContext): fc.Arbitrary<Part<[string, string][]>> {
  const single = (value: string, mutation: string) =>
    mutated<[string, string][]>([[param.name, value]], `query ${param.name}: ${mutation}`);
  const bad = param.name === "cursor" ? BAD_CURSORS : WRONG_SCALARS;
  const schemaValid = paramArbitrary(param, ctx).map((v) => queryPairs(param, v));
  return fc.oneof(
    { arbitrary: fc.constantFrom(...bad).map((value) => single(value, `bad value ${JSON.stringify(value.slice(0, 20))}`)), weight: 4 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }).map((value) => single(value, "unicode")), weight: 1 },
    { arbitrary: fc.constant(single("q".repeat(5000), "5000 chars")), weight: 1 },
    { arbitrary: fc.tuple(schemaValid, schemaValid).map(([a, b]) => mutated([...a, ...b], `query ${param.name}: repeated`)), weight: 1 },
    ...(param.required === true
      ? [{ arbitrary: fc.constant(mutated<[string, string][]>([], `query ${param.name}: missing`)), weight: 2 }]
      : []),
  );
}

const EXTRA_QUERY: [string, string][] = [
  ["unknown", "1"],
  ["__proto__", "x"],
  ["limit[]", "1"],
  ["role", "admin"],
];

/** Mostly a valid query; otherwise a valid one with one parameter spoiled, or an unknown parameter added. */
function queryArbitrary(op: Operation, ctx: RequestContext): fc.Arbitrary<Part<[string, string][]>> {
  const params = op.parameters.filter((p) => p.in === "query");
  const validQuery = fc.tuple(...params.map((param) => validQueryParam(param, ctx))).map((pairs) => pairs.flat());
  const withExtra = fc
    .tuple(validQuery, fc.constantFrom(...EXTRA_QUERY))
    .map(([pairs, extra]) => mutated([...pairs, extra], `query: extra ${extra[0]}`));
  if (params.length === 0) return fc.oneof({ arbitrary: validQuery.map(valid), weight: 8 }, { arbitrary: withExtra, weight: 1 });
  const spoiled = fc.tuple(validQuery, fc.nat({ max: params.length - 1 })).chain(([pairs, index]) => {
    const param = params[index]!;
    return mutatedQueryParam(param, ctx).map((bad) => ({
      value: [...pairs.filter(([name]) => name !== param.name), ...bad.value],
      mutations: bad.mutations,
    }));
  });
  return fc.oneof({ arbitrary: validQuery.map(valid), weight: 6 }, { arbitrary: spoiled, weight: 4 }, { arbitrary: withExtra, weight: 1 });
}

function headerParamArbitrary(param: Parameter, ctx: RequestContext): fc.Arbitrary<Part<Record<string, string>>> {
  const isKey = param.name.toLowerCase() === "idempotency-key";
  const schemaValid = isKey ? fc.uuid() : paramArbitrary(param, ctx).map(String);
  const header = (value: string) => ({ [param.name]: value });
  return fc.oneof(
    { arbitrary: schemaValid.filter((value) => value !== "").map((value) => valid(header(value))), weight: 6 },
    { arbitrary: fc.constant(param.required === true ? mutated({}, `header ${param.name}: missing`) : valid({})), weight: 2 },
    {
      arbitrary: fc
        .constantFrom("has spaces in it", "x".repeat(300), "tab\there", "\u00e9t\u00e9", "null")
        .map((value) => mutated(header(value), `header ${param.name}: bad value`)),
      weight: 1,
    },
  );
}

function headersArbitrary(op: Operation, ctx: RequestContext): fc.Arbitrary<Part<Record<string, string>>> {
  const params = op.parameters.filter((p) => p.in === "header");
  return fc.tuple(fc.constant(valid({})), ...params.map((param) => headerParamArbitrary(param, ctx))).map((parts) => ({
    value: Object.assign({}, ...parts.map((part) => part.value)) as Record<string, string>,
    mutations: parts.flatMap((part) => part.mutations),
  }));
}

function bodyArbitrary(op: Operation, ctx: RequestContext): fc.Arbitrary<Part<{ body?: string; kind: BodyKind }>> {
  const json = (value: unknown, mutations: readonly string[]) => ({
    value: { body: JSON.stringify(value), kind: "json" as BodyKind },
    mutations,
  });
  if (op.body === undefined) {
    // Routes without a body must ignore one rather than choke on it.
    const stray = ["POST", "PUT", "PATCH", "DELETE"].includes(op.method)
      ? [{ arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => json(value, ["stray body"])), weight: 1 }]
      : [];
    return fc.oneof({ arbitrary: fc.constant(valid({ kind: "none" as BodyKind })), weight: 6 }, ...stray);
  }
  const validBody = schemaArbitrary(op.body, schemaOptions(ctx)) as fc.Arbitrary<Json>;
  const mutation = fc
    .tuple(
      validBody,
      fc.constantFrom(...Object.keys(BODY_MUTATIONS)),
      fc.nat(),
      fc.oneof(fc.constantFrom(...WRONG_TYPED), fc.string({ unit: "binary", maxLength: 30 })),
    )
    .map(([body, kind, pick, extra]) => {
      const result = BODY_MUTATIONS[kind]!(body, pick, extra);
      return json(result.body ?? {}, [result.mutation]);
    });
  return fc.oneof(
    { arbitrary: validBody.map((body) => json(body, [])), weight: 5 },
    { arbitrary: mutation, weight: 5 },
    {
      arbitrary: fc.constantFrom(...WRONG_TYPED).map((body) => json(body, [`body: ${JSON.stringify(body)} instead of the object`])),
      weight: 1,
    },
    {
      arbitrary: fc
        .constantFrom(...NOT_JSON)
        .map((text) => ({ value: { body: text, kind: "not-json" as BodyKind }, mutations: [`body: not JSON ${JSON.stringify(text)}`] })),
      weight: 1,
    },
    ...(op.bodyRequired ? [{ arbitrary: fc.constant(mutated({ kind: "none" as BodyKind }, "body: none")), weight: 1 }] : []),
  );
}

/**
 * Requests for one operation: mostly valid ones (so use cases run), the rest with one or more
 * parts mutated: wrong types, missing and extra fields, huge and unicode strings, odd numbers,
 * bad cursors, bodies that are not JSON, missing or foreign tokens.
 */
export function requestArbitrary(op: Operation, ctx: RequestContext): fc.Arbitrary<ApiRequest> {
  const pathParts = fc.tuple(...op.pathParams.map((param) => pathValueArbitrary(param, op.path, ctx)));
  return fc
    .tuple(authArbitrary(op), pathParts, queryArbitrary(op, ctx), headersArbitrary(op, ctx), bodyArbitrary(op, ctx))
    .map(([auth, pathValues, query, headers, body]) => {
      const values = Object.fromEntries(op.pathParams.map((param, i) => [param.name, pathValues[i]!.value]));
      const search = new URLSearchParams(query.value).toString();
      return {
        method: op.method,
        url: `${fillPath(op.path, values)}${search === "" ? "" : `?${search}`}`,
        headers: {
          ...authHeaders(auth.value, ctx),
          ...headers.value,
          ...(body.value.body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(body.value.body === undefined ? {} : { body: body.value.body }),
        auth: auth.value,
        bodyKind: body.value.kind,
        mutations: [
          ...auth.mutations,
          ...pathValues.flatMap((part) => part.mutations),
          ...query.mutations,
          ...headers.mutations,
          ...body.mutations,
        ],
      };
    });
}

export interface ValidRequestOptions {
  readonly auth: AuthMode;
  /** Path parameter values; known values (or schema-valid ones) otherwise. */
  readonly pathValues?: Readonly<Record<string, string>>;
  /** The body to send; a schema-valid one otherwise. */
  readonly body?: unknown;
  readonly seed?: number;
}

/** One well-formed request for the operation: schema-valid body, required query and headers, the given caller. */
export function validRequest(
  op: Operation,
  ctx: RequestContext,
  { auth, pathValues = {}, body, seed = 7 }: ValidRequestOptions,
): ApiRequest {
  const pick = <T>(arbitrary: fc.Arbitrary<T>): T => fc.sample(arbitrary, { seed, numRuns: 1 })[0]!;
  const values = Object.fromEntries(
    op.pathParams.map((param) => {
      const { scoped, all } = ctx.known.forPath(param, op.path);
      const value =
        pathValues[param.name] ??
        scoped[0] ??
        all[0] ??
        pick(
          paramArbitrary(param, ctx)
            .map(String)
            .filter((v) => v !== ""),
        );
      return [param.name, value];
    }),
  );
  const query = op.parameters
    .filter((p) => p.in === "query" && p.required === true)
    .flatMap((param) => queryPairs(param, pick(paramArbitrary(param, ctx))));
  const headers = Object.fromEntries(
    op.parameters
      .filter((p) => p.in === "header" && p.required === true)
      .map((param) => [
        param.name,
        param.name.toLowerCase() === "idempotency-key" ? pick(fc.uuid()) : String(pick(paramArbitrary(param, ctx))),
      ]),
  );
  const payload = body ?? (op.body === undefined ? undefined : pick(schemaArbitrary(op.body, schemaOptions(ctx))));
  const search = new URLSearchParams(query).toString();
  return {
    method: op.method,
    url: `${fillPath(op.path, values)}${search === "" ? "" : `?${search}`}`,
    headers: { ...authHeaders(auth, ctx), ...headers, ...(payload === undefined ? {} : { "Content-Type": "application/json" }) },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    auth,
    bodyKind: payload === undefined ? "none" : "json",
    mutations: [],
  };
}
