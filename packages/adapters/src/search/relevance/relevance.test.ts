import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { SearchIndex, SearchQuery, SearchResult } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../sql/create-database.js";
import { createTestSchema, postgresUnavailable } from "../../sql/test-support/postgres.js";
import { PostgresSearchIndex } from "../pg/postgres-search-index.js";
import { SqliteSearchIndex } from "../sql/sqlite-search-index.js";
import { RELEVANCE_CATALOGUE } from "./relevance-catalogue.js";
import { RELEVANCE_CASES, SUGGEST_CASES, type RelevanceCase } from "./relevance-queries.js";

/** Below this mean precision@5 an adapter no longer finds what shoppers expect first. */
const PRECISION_FLOOR = 0.9;

interface OpenIndex {
  readonly index: SearchIndex;
  close(): Promise<void>;
}

interface Target {
  readonly name: string;
  readonly unavailable: string | null;
  open(): Promise<OpenIndex>;
}

const pgSkip = await postgresUnavailable();
if (pgSkip !== null) console.warn(`skipping the PostgreSQL relevance run: ${pgSkip}`);

const TARGETS: Target[] = [
  {
    name: "sqlite",
    unavailable: null,
    open: async () => {
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
      return { index: new SqliteSearchIndex(db), close: () => db.destroy() };
    },
  },
  {
    name: "postgres",
    unavailable: pgSkip,
    open: async () => {
      const schema = await createTestSchema("relevance");
      const database = await createDatabase({ url: schema.url, schema: schema.schema, poolSize: 4 });
      const index = new PostgresSearchIndex(database.db);
      await index.ensureSchema();
      return {
        index,
        close: async () => {
          await database.close();
          await schema.drop();
        },
      };
    },
  },
];

const asQuery = (relevanceCase: RelevanceCase): SearchQuery => ({ page: 1, limit: 50, ...relevanceCase.query });
const ids = (result: SearchResult) => result.hits.map((hit) => hit.productId);

/** The share of the expected products (at most five) found in the first five hits. */
function precisionAt5(hits: readonly string[], expected: readonly string[]): number {
  const firstFive = new Set(hits.slice(0, 5));
  return expected.filter((id) => firstFive.has(id)).length / Math.min(5, expected.length);
}

function checkCase(relevanceCase: RelevanceCase, result: SearchResult): void {
  const hits = ids(result);
  const { first, exactly, ordered, includes = [], excludes = [], above = [], top = [], total, facets } = relevanceCase;
  if (first !== undefined) expect(hits[0], "first hit").toBe(first);
  if (exactly !== undefined) expect([...hits].sort(), "the hits").toEqual([...exactly].sort());
  if (ordered !== undefined) expect(hits, "the hits in order").toEqual(ordered);
  // Where the expected top products rank is measured (precision@5); that they are found at all is required.
  expect(hits, "found").toEqual(expect.arrayContaining([...includes, ...top]));
  for (const id of excludes) expect(hits, "not found").not.toContain(id);
  for (const [higher, lower] of above) {
    expect(hits, "ranked").toEqual(expect.arrayContaining([higher, lower]));
    expect(hits.indexOf(higher), `${higher} above ${lower}`).toBeLessThan(hits.indexOf(lower));
  }
  if (total !== undefined) expect(result.total, "total").toBe(total);
  for (const [name, value] of Object.entries(facets ?? {}))
    expect(result.facets[name as keyof typeof result.facets], `${name} facet`).toEqual(value);
}

const precisionReport = new Map<string, number>();

afterAll(() => {
  if (precisionReport.size === 0) return;
  console.log(`precision@5 ${[...precisionReport].map(([name, value]) => `${name}=${value.toFixed(2)}`).join(" ")}`);
});

describe("relevance fixtures", () => {
  it("hold at least 30 queries and one catalogue of distinct products", () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(RELEVANCE_CATALOGUE.map((document) => document.productId)).size).toBe(RELEVANCE_CATALOGUE.length);
    const known = new Set(RELEVANCE_CATALOGUE.map((document) => document.productId));
    const named = RELEVANCE_CASES.flatMap((c) => [
      ...(c.first === undefined ? [] : [c.first]),
      ...(c.exactly ?? []),
      ...(c.ordered ?? []),
      ...(c.includes ?? []),
      ...(c.excludes ?? []),
      ...(c.top ?? []),
      ...(c.above ?? []).flat(),
    ]);
    expect(named.filter((id) => !known.has(id))).toEqual([]);
  });
});

for (const target of TARGETS) {
  describe.skipIf(target.unavailable !== null)(`relevance on ${target.name}`, () => {
    let opened: OpenIndex;

    beforeAll(async () => {
      opened = await target.open();
      await opened.index.index(RELEVANCE_CATALOGUE);
    });
    afterAll(async () => {
      await opened?.close();
    });

    for (const relevanceCase of RELEVANCE_CASES) {
      it(relevanceCase.name, async () => {
        checkCase(relevanceCase, await opened.index.search(asQuery(relevanceCase)));
      });
    }

    for (const suggestCase of SUGGEST_CASES) {
      it(`suggests for "${suggestCase.prefix}"`, async () => {
        const suggestions = await opened.index.suggest(suggestCase.prefix, suggestCase.limit);
        expect(suggestions.length).toBeLessThanOrEqual(suggestCase.limit);
        expect(suggestions).toEqual(expect.arrayContaining([...suggestCase.includes]));
        if (suggestCase.startsWith !== undefined)
          expect(suggestions.slice(0, suggestCase.startsWith.length)).toEqual(suggestCase.startsWith);
      });
    }

    it(`finds what shoppers expect in the first five (precision@5 ≥ ${PRECISION_FLOOR})`, async () => {
      const measured = RELEVANCE_CASES.filter((c) => c.top !== undefined && c.top.length > 0);
      const scores = await Promise.all(
        measured.map(async (c) => ({ name: c.name, precision: precisionAt5(ids(await opened.index.search(asQuery(c))), c.top ?? []) })),
      );
      const mean = scores.reduce((sum, score) => sum + score.precision, 0) / scores.length;
      precisionReport.set(target.name, mean);
      const misses = scores.filter((score) => score.precision < 1).map((score) => `${score.name} ${score.precision.toFixed(2)}`);
      expect(mean, `precision@5 on ${target.name}; below 1: ${misses.join("; ")}`).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    });
  });
}
