import type { Page } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { InvalidCursorError, paginate, type Ordering } from "./memory-page.js";

interface Row {
  readonly id: string;
  readonly score: number;
}

const BY_SCORE_DESC: Ordering<Row> = { key: (r) => [r.score, r.id], descending: [true, false] };
const rows: Row[] = [
  { id: "a", score: 1 },
  { id: "b", score: 3 },
  { id: "c", score: 3 },
  { id: "d", score: 2 },
  { id: "e", score: 0 },
];

describe("paginate", () => {
  it("walks every item once, in order, through opaque cursors", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Row> = paginate(rows, BY_SCORE_DESC, { limit: 2, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      if (cursor !== null) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor !== null);
    expect(seen).toEqual(["b", "c", "d", "a", "e"]);
  });

  it("neither skips nor repeats when an item is removed between pages", () => {
    const first = paginate(rows, BY_SCORE_DESC, { limit: 2 });
    const rest = paginate(
      rows.filter((r) => r.id !== "b"),
      BY_SCORE_DESC,
      { limit: 10, cursor: first.nextCursor },
    );
    expect(rest.items.map((r) => r.id)).toEqual(["d", "a", "e"]);
  });

  it("has no next cursor on the last page", () => {
    expect(paginate(rows, BY_SCORE_DESC, { limit: 5 }).nextCursor).toBeNull();
    expect(paginate([], BY_SCORE_DESC, { limit: 5 })).toEqual({ items: [], nextCursor: null });
  });

  it("rejects cursors it did not make", () => {
    expect(() => paginate(rows, BY_SCORE_DESC, { limit: 2, cursor: "%%%" })).toThrow(InvalidCursorError);
    const notAKey = Buffer.from(JSON.stringify({ score: 1 })).toString("base64url");
    expect(() => paginate(rows, BY_SCORE_DESC, { limit: 2, cursor: notAKey })).toThrow(InvalidCursorError);
  });
});
