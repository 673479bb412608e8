import { randomBytes } from "node:crypto";
import type { Clock, IdGenerator } from "@emporium/domain";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_CHARS = 16;

/**
 * ULIDs (https://github.com/ulid/spec): 48 bits of milliseconds then 80 random bits, in
 * Crockford base32, so ids sort by creation time. Ids made in the same millisecond increment
 * the random part, keeping them strictly increasing within this generator.
 */
export class UlidIdGenerator implements IdGenerator {
  private lastTime = -1;
  private lastRandom: number[] = [];

  constructor(private readonly clock: Clock = { now: () => new Date() }) {}

  next(): string {
    let time = this.clock.now().getTime();
    if (time <= this.lastTime) {
      time = this.lastTime;
      this.lastRandom = increment(this.lastRandom);
    } else {
      this.lastTime = time;
      this.lastRandom = randomDigits();
    }
    return encodeTime(time) + this.lastRandom.map((d) => ALPHABET[d]).join("");
  }
}

function encodeTime(time: number): string {
  if (!Number.isSafeInteger(time) || time < 0 || time > 2 ** 48 - 1) throw new RangeError(`cannot encode time ${time} in a ULID`);
  let rest = time;
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomDigits(): number[] {
  return [...randomBytes(RANDOM_CHARS)].map((byte) => byte % 32);
}

function increment(digits: readonly number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if ((next[i] ?? 0) < 31) {
      next[i] = (next[i] ?? 0) + 1;
      return next;
    }
    next[i] = 0;
  }
  throw new Error("ULID random part overflowed within one millisecond");
}
