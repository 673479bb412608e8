import { describe, expect, it } from "vitest";
import { FixedClock } from "./fixed-clock.js";
import { UlidIdGenerator } from "./ulid-id-generator.js";

describe("UlidIdGenerator", () => {
  it("makes 26-character Crockford base32 ids whose prefix is the time", () => {
    const clock = new FixedClock("2025-03-01T10:00:00.000Z");
    const id = new UlidIdGenerator(clock).next();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const time = [...id.slice(0, 10)].reduce((acc, ch) => acc * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(ch), 0);
    expect(time).toBe(clock.now().getTime());
  });

  it("strictly increases within a millisecond and when the clock goes back", () => {
    const clock = new FixedClock("2025-03-01T10:00:00.000Z");
    const ids = new UlidIdGenerator(clock);
    const made = Array.from({ length: 1000 }, () => ids.next());
    clock.advance(-60_000);
    made.push(ids.next());
    clock.advance(120_000);
    made.push(ids.next());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it("sorts ids of later times after earlier ones across generators", () => {
    const clock = new FixedClock("2025-03-01T10:00:00.000Z");
    const early = new UlidIdGenerator(clock).next();
    clock.advance(1);
    expect(new UlidIdGenerator(clock).next() > early).toBe(true);
  });
});
