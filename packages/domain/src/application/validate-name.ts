import type { FieldIssue } from "../errors.js";

export const MAX_NAME_LENGTH = 200;

/** Issues with a display name (of a person, product or category): required, at most 200 characters. */
export function validateName(name: string, path: string): FieldIssue[] {
  if (name.trim() === "") return [{ path, message: "is required" }];
  if (name.length > MAX_NAME_LENGTH) return [{ path, message: `must be at most ${MAX_NAME_LENGTH} characters` }];
  return [];
}
