import { InvalidCursorError } from "@emporium/adapters";
import type { Context } from "hono";
import { problem, titleOf, type ProblemResponse } from "../../problem.js";
import { MALFORMED } from "../../schemas/common.js";

/**
 * The page `load` reads, or null when the repository refused the cursor: a well-formed token that
 * this list did not issue (another list's, or forged) is a malformed request, not a server error.
 */
export async function readPage<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof InvalidCursorError) return null;
    throw error;
  }
}

/** 400 `request.malformed` for a cursor that `readPage` refused. */
export const badCursor = (c: Context): ProblemResponse<400> =>
  problem(c, 400, MALFORMED, titleOf(400), "query.cursor: cursor is not one this list issued");
