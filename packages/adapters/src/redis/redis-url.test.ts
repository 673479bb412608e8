import { describe, expect, it } from "vitest";
import { DEFAULT_REDIS_PREFIX, parseRedisUrl } from "./redis-url.js";

describe("parseRedisUrl", () => {
  it("uses the default prefix when the URL names none", () => {
    expect(parseRedisUrl("redis://cache:6379")).toEqual({ url: "redis://cache:6379", prefix: DEFAULT_REDIS_PREFIX });
    expect(parseRedisUrl("redis://cache:6379?prefix=")).toEqual({ url: "redis://cache:6379", prefix: DEFAULT_REDIS_PREFIX });
  });

  it("takes the prefix out of the URL and keeps everything else", () => {
    expect(parseRedisUrl("rediss://:secret@cache:6380/2?prefix=staging%3Ashop:&family=6")).toEqual({
      url: "rediss://:secret@cache:6380/2?family=6",
      prefix: "staging:shop:",
    });
  });
});
