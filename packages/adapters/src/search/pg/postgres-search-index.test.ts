import { sql } from "kysely";
import type { SearchDocument, SearchQuery } from "@emporium/domain";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type SqlDatabase } from "../../sql/create-database.js";
import { createTestSchema, postgresUnavailable, type TestSchema } from "../../sql/test-support/postgres.js";
import { RELEVANCE_CATALOGUE } from "../relevance/relevance-catalogue.js";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";
import { PostgresSearchError } from "./postgres-search-error.js";
import { PostgresSearchIndex } from "./postgres-search-index.js";

const pgSkip = await postgresUnavailable();
if (pgSkip !== null) console.warn(`skipping PostgresSearchIndex: ${pgSkip}`);

const query = (q: string, rest: Partial<SearchQuery> = {}): SearchQuery => ({ q, page: 1, limit: 100, ...rest });
const byId = new Map(RELEVANCE_CATALOGUE.map((document) => [document.productId, document]));
const doc = (id: string): SearchDocument => byId.get(id) as SearchDocument;
const renamed = (id: string, name: string, description = ""): SearchDocument => ({ ...doc(id), name, description });

describe.skipIf(pgSkip !== null)("PostgresSearchIndex", () => {
  let schema: TestSchema;
  let database: SqlDatabase;
  let db: SearchDatabase;
  let index: PostgresSearchIndex;

  const ids = async (q: string, rest: Partial<SearchQuery> = {}, on: PostgresSearchIndex = index) =>
    (await on.search(query(q, rest))).hits.map((hit) => hit.productId);
  const open = async () => createDatabase({ url: schema.url, schema: schema.schema, poolSize: 3 });
  const tableNames = async () =>
    (
      await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = ${schema.schema} ORDER BY 1`.execute(db)
    ).rows.map((row) => row.name);

  beforeAll(async () => {
    schema = await createTestSchema("pgsearch");
    database = await open();
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
    await schema?.drop();
  });

  beforeEach(async () => {
    index = new PostgresSearchIndex(db);
    await index.reindex(
      (async function* () {
        yield RELEVANCE_CATALOGUE;
      })(),
    );
  });

  describe("schema", () => {
    it("creates its tables and indexes once, idempotently, under the live names", async () => {
      await index.ensureSchema();
      await new PostgresSearchIndex(db).ensureSchema();
      expect(await tableNames()).toEqual(["search_documents", "search_state", "search_terms", "search_variants"]);
      const indexes = await sql<{ name: string }>`
        SELECT indexname AS name FROM pg_indexes WHERE schemaname = ${schema.schema} ORDER BY 1
      `.execute(db);
      expect(indexes.rows.map((row) => row.name)).toEqual(
        expect.arrayContaining([
          "search_documents_pkey",
          "search_documents_tsv",
          "search_documents_categories",
          "search_variants_pkey",
          "search_variants_options",
          "search_terms_pkey",
          "search_terms_trgm",
        ]),
      );
      expect(indexes.rows.some((row) => row.name.includes("__next"))).toBe(false);
    });

    it("bounds the pending lists of its GIN indexes, also of indexes made before the bound", async () => {
      const options = async () =>
        (
          await sql<{ name: string; options: string[] | null }>`
            SELECT c.relname AS name, c.reloptions AS options FROM pg_class AS c
            JOIN pg_namespace AS n ON n.oid = c.relnamespace JOIN pg_am AS am ON am.oid = c.relam
            WHERE n.nspname = ${schema.schema} AND am.amname = 'gin' ORDER BY 1
          `.execute(db)
        ).rows;
      expect((await options()).length).toBeGreaterThanOrEqual(4);
      for (const row of await options()) expect(row.options, row.name).toContain("gin_pending_list_limit=128");
      await sql`ALTER INDEX search_documents_tsv RESET (gin_pending_list_limit)`.execute(db);
      expect((await options()).find((row) => row.name === "search_documents_tsv")?.options ?? []).not.toContain(
        "gin_pending_list_limit=128",
      );
      await new PostgresSearchIndex(db).ensureSchema();
      for (const row of await options()) expect(row.options, row.name).toContain("gin_pending_list_limit=128");
    });

    it("is shared by another instance on another pool", async () => {
      const other = await open();
      try {
        expect(await ids("velvet sofa", {}, new PostgresSearchIndex(other.db))).toEqual(["velvet-sofa"]);
      } finally {
        await other.close();
      }
    });
  });

  describe("writes", () => {
    it("removes a product and the words only it used", async () => {
      await index.remove(["bluetooth-speaker-mini"]);
      expect(await ids("bluetooth speaker")).toEqual(["bluetooth-speaker-max", "smart-speaker"]);
      expect(await ids("mini")).toEqual([]);
      expect(await index.suggest("mini", 5)).not.toEqual(expect.arrayContaining(["Bluetooth Speaker Mini"]));
      expect(await index.suggest("mini", 5)).not.toContain("mini");
      const words = await sql`SELECT term FROM search_terms WHERE term IN ('mini', 'pocket', 'bluetooth')`.execute(db);
      expect(words.rows).toEqual([{ term: "bluetooth" }]);
    });

    it("replaces a product on re-index, dropping its old words, filters and facets", async () => {
      await index.index([{ ...renamed("portable-radio", "Portable Turntable", "Plays vinyl."), brand: "Spinwell" }]);
      expect(await ids("turntable")).toEqual(["portable-radio"]);
      expect(await ids("crank")).toEqual([]);
      expect(await ids("", { brand: "Acme" })).not.toContain("portable-radio");
      const { total, facets } = await index.search(query(""));
      expect(total).toBe(RELEVANCE_CATALOGUE.length);
      expect(facets.brand).toContainEqual({ value: "Spinwell", count: 1 });
    });

    it("keeps the vocabulary counts exact under concurrent writers on two pools", async () => {
      const other = await open();
      try {
        const second = new PostgresSearchIndex(other.db);
        const tees = ["classic-tee", "graphic-tee", "organic-cotton-tee"];
        await Promise.all([
          index.index(tees.map(doc)),
          second.index([...tees].reverse().map(doc)),
          index.remove(["graphic-tee"]),
          second.index(tees.map(doc)),
        ]);
        const drift = await sql<{ term: string }>`
          SELECT t.term FROM search_terms AS t
          WHERE t.doc_count <> (SELECT count(*) FROM search_documents AS d WHERE t.term = ANY(d.terms))
        `.execute(db);
        expect(drift.rows).toEqual([]);
        expect(await ids("tee")).toEqual(expect.arrayContaining(["classic-tee", "organic-cotton-tee"]));
      } finally {
        await other.close();
      }
    });
  });

  describe("cached results", () => {
    it("retires cached results on a write from another instance on another pool", async () => {
      expect(await ids("velvet sofa")).toEqual(["velvet-sofa"]);
      const other = await open();
      try {
        await new PostgresSearchIndex(other.db).remove(["velvet-sofa"]);
      } finally {
        await other.close();
      }
      expect(await ids("velvet sofa")).toEqual([]);
      await index.index([doc("velvet-sofa")]);
      expect(await ids("velvet sofa")).toEqual(["velvet-sofa"]);
    });
  });

  describe("reindex", () => {
    it("keeps answering from the old index until the new one is complete, then swaps", async () => {
      const seenDuringRebuild: string[][] = [];
      const replacement = RELEVANCE_CATALOGUE.filter((document) => document.productId !== "portable-radio");
      const turntable = { ...renamed("portable-radio", "Turntable"), productId: "turntable" };
      async function* source() {
        yield replacement.slice(0, 20);
        seenDuringRebuild.push(await ids("radio"), await ids("turntable"));
        yield [...replacement.slice(20), turntable];
        seenDuringRebuild.push(await ids("radio"));
      }
      expect(await index.reindex(source())).toEqual({ indexed: RELEVANCE_CATALOGUE.length });
      expect(seenDuringRebuild).toEqual([["portable-radio"], [], ["portable-radio"]]);
      expect(await ids("radio")).toEqual([]);
      expect(await ids("turntable")).toEqual(["turntable"]);
      expect(await ids("hedphones")).toContain("studio-headphones");
      expect((await tableNames()).filter((name) => name.includes("__next"))).toEqual([]);
    });

    it("keeps writes made during the rebuild, from this instance and another pool", async () => {
      const other = await open();
      try {
        const elsewhere = new PostgresSearchIndex(other.db);
        async function* source() {
          yield RELEVANCE_CATALOGUE.slice(0, 20);
          await index.index([{ ...renamed("portable-radio", "Record Cleaner"), productId: "record-cleaner" }]);
          await elsewhere.remove(["velvet-sofa"]);
          await elsewhere.index([{ ...renamed("portable-radio", "Stylus Brush"), productId: "stylus-brush" }]);
          yield RELEVANCE_CATALOGUE.slice(20).filter((document) => document.productId !== "velvet-sofa");
        }
        await index.reindex(source());
        expect(await ids("record cleaner")).toEqual(["record-cleaner"]);
        expect(await ids("stylus brush")).toEqual(["stylus-brush"]);
        expect(await ids("velvet")).toEqual([]);
        expect((await index.search(query(""))).total).toBe(RELEVANCE_CATALOGUE.length + 1);
      } finally {
        await other.close();
      }
    });

    it("leaves the live index untouched when the source fails, and drops the unfinished one", async () => {
      async function* source(): AsyncGenerator<SearchDocument[]> {
        yield [doc("velvet-sofa")];
        throw new Error("catalogue went away");
      }
      await expect(index.reindex(source())).rejects.toThrow("catalogue went away");
      expect((await index.search(query(""))).total).toBe(RELEVANCE_CATALOGUE.length);
      expect((await tableNames()).filter((name) => name.includes("__next"))).toEqual([]);
      await index.reindex(
        (async function* () {
          yield [doc("velvet-sofa")];
        })(),
      );
      expect((await index.search(query(""))).total).toBe(1);
    });

    it("refuses a second reindex while one runs", async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      async function* slow() {
        await gate;
        yield [doc("velvet-sofa")];
      }
      const first = index.reindex(slow());
      await expect(index.reindex(slow())).rejects.toThrow(/already running/);
      release();
      await expect(first).resolves.toEqual({ indexed: 1 });
    });
  });

  describe("without pg_trgm", () => {
    it("still corrects typos that keep the first letter, and completes misspelled prefixes", async () => {
      const fallback = new PostgresSearchIndex(db, { trigrams: false });
      expect(await ids("hedphones", {}, fallback)).toEqual(expect.arrayContaining(["studio-headphones", "travel-headset"]));
      expect((await ids("blutooth speeker", {}, fallback)).sort()).toEqual([
        "bluetooth-speaker-max",
        "bluetooth-speaker-mini",
        "smart-speaker",
      ]);
      expect(await fallback.suggest("hed", 10)).toEqual(expect.arrayContaining(["Studio Headphones"]));
    });
  });

  describe("when PostgreSQL cannot answer", () => {
    let closed: SqlDatabase;
    afterEach(async () => {
      await closed?.close().catch(() => undefined);
    });

    it("throws a PostgresSearchError with code search.unavailable", async () => {
      closed = await open();
      const broken = new PostgresSearchIndex(closed.db);
      await broken.ensureSchema();
      await closed.close();
      const failure = broken.search(query("sofa"));
      await expect(failure).rejects.toBeInstanceOf(PostgresSearchError);
      await expect(failure).rejects.toMatchObject({
        code: "search.unavailable",
        message: expect.stringMatching(/^PostgreSQL search could not search: /),
      });
      await expect(broken.suggest("sof", 5)).rejects.toMatchObject({ code: "search.unavailable" });
      await expect(broken.index([doc("velvet-sofa")])).rejects.toThrow(/PostgreSQL search could not index documents/);
    });
  });
});
