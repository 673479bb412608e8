export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonPath = (string | number)[];

/** Every place in a JSON value (the root included) a mutation can hit. */
function pathsOf(value: Json, at: JsonPath = []): JsonPath[] {
  const children: JsonPath[] = Array.isArray(value)
    ? value.flatMap((item, i) => pathsOf(item, [...at, i]))
    : typeof value === "object" && value !== null
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))
      : [];
  return [at, ...children];
}

/** A copy of `root` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function withAt(root: Json, path: JsonPath, replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const next = withAt(copy[head as number]!, rest, replacement);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(root as Record<string, Json>) };
  const next = withAt(copy[head as string]!, rest, replacement);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

const label = (path: JsonPath) => (path.length === 0 ? "body" : `body.${path.join(".")}`);

type BodyMutation = (body: Json, pick: number, extra: Json) => { body: Json | undefined; mutation: string };

const pickPath = (body: Json, pick: number, want: (value: Json) => boolean = () => true): JsonPath => {
  const all = pathsOf(body);
  const candidates = all.filter((path) => want(path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, body)));
  const pool = candidates.length > 0 ? candidates : all;
  return pool[pick % pool.length]!;
};

const isObject = (value: Json): value is { [key: string]: Json } => typeof value === "object" && value !== null && !Array.isArray(value);

/** Ways to spoil a valid body, each at a place `pick` chooses; `extra` is a replacement value some of them use. */
export const BODY_MUTATIONS: Readonly<Record<string, BodyMutation>> = {
  "wrong type": (body, pick, extra) => {
    const path = pickPath(body, pick);
    return { body: withAt(body, path, extra), mutation: `${label(path)}: wrong type ${JSON.stringify(extra)}` };
  },
  "missing field": (body, pick) => {
    const fields = pathsOf(body).filter((path) => path.length > 0);
    if (fields.length === 0) return { body, mutation: "body: no field to remove" };
    const path = fields[pick % fields.length]!;
    return { body: withAt(body, path, undefined) ?? {}, mutation: `${label(path)}: missing` };
  },
  "extra field": (body, pick, extra) => {
    const path = pickPath(body, pick, isObject);
    const name = ["role", "isAdmin", "price", "customerId", "id", "status", "__proto__", "constructor"][pick % 8]!;
    const target = path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, body);
    if (!isObject(target)) return { body, mutation: "body: no object for an extra field" };
    const widened = { ...target };
    Object.defineProperty(widened, name, { value: extra, enumerable: true, writable: true, configurable: true });
    return { body: withAt(body, path, widened), mutation: `${label(path)}: extra field ${name}` };
  },
  "huge string": (body, pick) => {
    const path = pickPath(body, pick, (v) => typeof v === "string");
    const size = [10_000, 100_000, 1_200_000][pick % 3]!;
    return { body: withAt(body, path, "x".repeat(size)) ?? {}, mutation: `${label(path)}: ${size} chars` };
  },
  unicode: (body, pick, extra) => {
    const path = pickPath(body, pick, (v) => typeof v === "string");
    const text = typeof extra === "string" ? extra : "\u202e\ud83d\ude00\u0000\ud800 e\u0301 \u4e2d\u6587";
    return { body: withAt(body, path, text) ?? {}, mutation: `${label(path)}: unicode` };
  },
  "odd number": (body, pick) => {
    const path = pickPath(body, pick, (v) => typeof v === "number");
    const number = [-1, 0, -2_147_483_649, Number.MAX_SAFE_INTEGER + 2, 1e308, 0.5, -0.01][pick % 7]!;
    return { body: withAt(body, path, number) ?? {}, mutation: `${label(path)}: number ${number}` };
  },
};

/** Values of every JSON type, to put where another type belongs. */
export const WRONG_TYPED: Json[] = [12345, -1, "string", true, false, null, [], {}, 1.5, [1, "a"], { nested: { deeper: [] } }];
/** Bodies sent as application/json that are not JSON. */
export const NOT_JSON = ["{", '{"a":1,}', "not json", "{'a':1}", "[1,2", '{"a":"\\x"}', "\ufeff{}", "", "NaN", '{"a":1}{"b":2}'];
