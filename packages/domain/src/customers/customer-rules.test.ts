import { describe, expect, it } from "vitest";
import type { Address } from "./customer.js";
import { normalizeEmail, validateAddress, validateEmail, validatePassword } from "./customer-rules.js";

describe("emails", () => {
  it("normalize by trimming and lower-casing", () => {
    expect(normalizeEmail("  Ada@Example.COM ")).toBe("ada@example.com");
  });

  it("accept ordinary addresses", () => {
    for (const email of ["ada@example.com", " Ada.Lovelace+shop@mail.example.co.uk ", "x@y.io"])
      expect(validateEmail(email), email).toEqual([]);
  });

  it("reject what cannot be an address, saying so on the email field", () => {
    expect(validateEmail("")).toEqual([{ path: "email", message: "is required" }]);
    for (const email of [
      "ada",
      "ada@",
      "@example.com",
      "ada@example",
      "ada @example.com",
      "ada@@example.com",
      "ada@example..com",
      "ada@.com",
    ]) {
      expect(validateEmail(email), email).toEqual([{ path: "email", message: "must be an email address such as name@example.com" }]);
    }
    expect(validateEmail(`${"a".repeat(250)}@example.com`)).toEqual([{ path: "email", message: "must be at most 254 characters" }]);
  });
});

describe("passwords", () => {
  it("are 8 to 128 characters, counted as code points", () => {
    expect(validatePassword("12345678")).toEqual([]);
    expect(validatePassword("1234567")).toEqual([{ path: "password", message: "must be at least 8 characters" }]);
    expect(validatePassword("x".repeat(128))).toEqual([]);
    expect(validatePassword("x".repeat(129))).toEqual([{ path: "password", message: "must be at most 128 characters" }]);
    // Four emoji are eight UTF-16 units but only four characters.
    expect(validatePassword("🔑🔑🔑🔑")).toHaveLength(1);
  });
});

describe("addresses", () => {
  const address: Address = {
    name: "Ada Lovelace",
    line1: "1 Main St",
    line2: null,
    city: "London",
    postalCode: "N1 9GU",
    region: null,
    country: "GB",
    phone: "+44 20 0000 0000",
  };

  it("accept a complete address", () => {
    expect(validateAddress(address, "shippingAddress")).toEqual([]);
  });

  it("name each missing or malformed field under the given path", () => {
    const issues = validateAddress({ ...address, name: " ", city: "", postalCode: undefined as never, country: "gb" }, "shippingAddress");
    expect(issues).toEqual([
      { path: "shippingAddress.name", message: "is required" },
      { path: "shippingAddress.city", message: "is required" },
      { path: "shippingAddress.postalCode", message: "is required" },
      { path: "shippingAddress.country", message: "must be an ISO 3166-1 alpha-2 code in capitals, such as US or FR" },
    ]);
  });

  it("limit field lengths", () => {
    const long = "x".repeat(201);
    expect(validateAddress({ ...address, line1: long, line2: long }, "a")).toEqual([
      { path: "a.line1", message: "must be at most 200 characters" },
      { path: "a.line2", message: "must be at most 200 characters" },
    ]);
  });
});
