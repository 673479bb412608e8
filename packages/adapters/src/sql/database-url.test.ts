import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./database-url.js";

describe("parseDatabaseUrl", () => {
  it.each([
    ["sqlite:./data/emporium.db", "./data/emporium.db"],
    ["sqlite:/var/lib/shop.db", "/var/lib/shop.db"],
    ["sqlite::memory:", ":memory:"],
    ["sqlite:///var/lib/shop.db", "/var/lib/shop.db"],
    ["sqlite://./shop.db", "./shop.db"],
  ])("reads %s as a SQLite file", (url, filename) => {
    expect(parseDatabaseUrl(url)).toEqual({ dialect: "sqlite", filename });
  });

  it.each(["postgres://app@db/emporium", "postgresql://app:secret@db:5432/emporium?sslmode=require"])("reads %s as PostgreSQL", (url) => {
    expect(parseDatabaseUrl(url)).toEqual({ dialect: "postgres", connectionString: url });
  });

  it("names the variable and the scheme, never the password, in one line", () => {
    expect(() => parseDatabaseUrl("mysql://root:hunter2@db/shop")).toThrow(
      "DATABASE_URL must start with sqlite: or postgres://, got mysql://…",
    );
    try {
      parseDatabaseUrl("mysql://root:hunter2@db/shop");
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });

  it("rejects an empty value and a bare file name", () => {
    expect(() => parseDatabaseUrl("")).toThrow("got an empty value");
    expect(() => parseDatabaseUrl("shop.db")).toThrow('got "shop.db"');
    expect(() => parseDatabaseUrl("sqlite:")).toThrow(/sqlite: needs a file path/);
  });

  it("names the variable it was given", () => {
    expect(() => parseDatabaseUrl("redis://cache", "DATABASE_REPLICA_URL")).toThrow(/^DATABASE_REPLICA_URL must start/);
  });
});
