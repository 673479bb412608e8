/** An amount in integer minor units (cents) of an ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Builds a Money; throws when `amount` is not a whole number of minor units (a bug, not bad input). */
export function money(amount: number, currency: string): Money {
  assertSafeInteger(amount, "money amount (minor units)");
  return { amount, currency };
}

// ISO 4217 exponents that differ from the usual 2.
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/** How many minor-unit digits a currency has: 2 by default, 0 for JPY, KRW…, 3 for BHD, KWD…. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** `numerator / denominator` as an integer, rounded half away from zero (2.5 → 3, -2.5 → -3). Exact for safe integers. */
export function roundHalfAwayFromZero(numerator: number, denominator: number): number {
  assertSafeInteger(numerator, "numerator");
  assertSafeInteger(denominator, "denominator");
  if (denominator === 0) throw new RangeError("denominator must not be 0");
  // Both operands are safe integers, so `%` and the division of the exact multiple are exact.
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  if (2 * Math.abs(remainder) < Math.abs(denominator)) return quotient + 0;
  return quotient + (numerator < 0 !== denominator < 0 ? -1 : 1);
}

/** `amount * basisPoints / 10000` rounded half away from zero: `percentOf(1999, 1000)` is 200 (10% of 19.99). */
export function percentOf(amount: number, basisPoints: number): number {
  assertSafeInteger(amount, "amount");
  assertSafeInteger(basisPoints, "basis points");
  const product = amount * basisPoints;
  if (Number.isSafeInteger(product)) return roundHalfAwayFromZero(product, 10_000);
  return toSafeNumber(divideRoundingHalfAway(BigInt(amount) * BigInt(basisPoints), 10_000n));
}

/**
 * Splits `total` into parts proportional to `weights` (largest remainder method), so the parts
 * sum exactly to `total`. Leftover units go to the largest remainders, then the larger weight,
 * then the lower index, so reordering lines of distinct weights reorders the parts and nothing else.
 * All weights zero: an even split, extra units to the first parts.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertSafeInteger(total, "total");
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(`allocation weights must be non-negative integers, got ${weight}`);
    }
  }
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError(`cannot allocate ${total} across no parts`);
    return [];
  }
  if (total < 0) return allocate(-total, weights).map((part) => -part + 0);

  const sum = weights.reduce((acc, w) => acc + BigInt(w), 0n);
  const shares = weights.map((w, index) => {
    if (sum === 0n) return { index, weight: 0, floor: BigInt(Math.floor(total / weights.length)), remainder: 0n };
    const exact = BigInt(total) * BigInt(w);
    return { index, weight: w, floor: exact / sum, remainder: exact % sum };
  });
  let leftover = BigInt(total) - shares.reduce((acc, s) => acc + s.floor, 0n);
  const parts = shares.map((s) => s.floor);
  const order = [...shares].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    if (a.weight !== b.weight) return b.weight - a.weight;
    return a.index - b.index;
  });
  for (const share of order) {
    if (leftover === 0n) break;
    parts[share.index] = (parts[share.index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map(toSafeNumber);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal in major units into minor units: "19.99" → 1999, "20" → 2000, "19.9" → 1990.
 * Null for anything else: empty, exponents, more decimals than the currency has.
 */
export function parseMajorUnits(text: string, currency: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (match === null) return null;
  const [, sign = "", whole = "", fraction = ""] = match;
  const digits = minorUnitDigits(currency);
  if (fraction.length > digits) return null;
  const minor = BigInt(whole + fraction.padEnd(digits, "0"));
  const value = Number(sign === "-" ? -minor : minor);
  return Number.isSafeInteger(value) ? value + 0 : null;
}

/** Formats minor units as a plain decimal in major units: 1999 → "19.99", -5 → "-0.05", JPY 500 → "500". */
export function formatMajorUnits(amount: number, currency: string): string {
  assertSafeInteger(amount, "amount");
  const digits = minorUnitDigits(currency);
  const sign = amount < 0 ? "-" : "";
  const absolute = String(Math.abs(amount));
  if (digits === 0) return sign + absolute;
  const padded = absolute.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

function divideRoundingHalfAway(numerator: bigint, denominator: bigint): bigint {
  const remainder = numerator % denominator;
  const quotient = numerator / denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  const absDenominator = denominator < 0n ? -denominator : denominator;
  if (twice < absDenominator) return quotient;
  return quotient + (numerator < 0n !== denominator < 0n ? -1n : 1n);
}

function toSafeNumber(value: bigint): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount ${value} is beyond the safe integer range`);
  return result;
}

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}
