import { InvalidArgumentError } from "@commander-js/extra-typings";

/** Parses an option value as a whole number; commander reports anything else as a usage error. */
export function wholeNumber(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new InvalidArgumentError(`expected a whole number, got "${raw}"`);
  return Number(raw);
}

/** Parses a whole number that may be negative (`-3`, `+5`). */
export function signedWholeNumber(raw: string): number {
  if (!/^[+-]?\d{1,9}$/.test(raw)) throw new InvalidArgumentError(`expected a whole number such as 5 or -3, got "${raw}"`);
  return Number(raw);
}
