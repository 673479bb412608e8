import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { JoseTokenService } from "./jose-token-service.js";

const SECRET = "a-test-secret-that-is-at-least-32-bytes-long";
const OPTIONS = { secret: SECRET, issuer: "emporium", audience: "emporium-api" };
const T0 = new Date("2030-01-01T00:00:00Z");

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("JoseTokenService", () => {
  const service = new JoseTokenService({ ...OPTIONS, now: () => T0 });

  it("round-trips sub and role with a 15 minute lifetime", async () => {
    const { token, expiresIn } = await service.issueAccessToken({ sub: "cus_1", role: "admin" });
    expect(expiresIn).toBe(900);
    expect(await service.verifyAccessToken(token)).toEqual({ sub: "cus_1", role: "admin" });
    const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    expect(payload).toMatchObject({ iss: "emporium", aud: "emporium-api", exp: T0.getTime() / 1000 + 900 });
  });

  it("rejects an unsigned alg:none token", async () => {
    const now = T0.getTime() / 1000;
    const payload = { sub: "cus_1", role: "admin", iss: "emporium", aud: "emporium-api", iat: now, exp: now + 900 };
    const forged = `${encode({ alg: "none", typ: "JWT" })}.${encode(payload)}.`;
    expect(await service.verifyAccessToken(forged)).toBeNull();
  });

  it("rejects a token signed with another key", async () => {
    const other = new JoseTokenService({ ...OPTIONS, secret: "another-secret-that-is-at-least-32-bytes", now: () => T0 });
    const { token } = await other.issueAccessToken({ sub: "cus_1", role: "customer" });
    expect(await service.verifyAccessToken(token)).toBeNull();
  });

  it("rejects a token signed with an algorithm outside the allow-list, even with the right key", async () => {
    const now = T0.getTime() / 1000;
    const token = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS512" })
      .setSubject("cus_1")
      .setIssuer("emporium")
      .setAudience("emporium-api")
      .setExpirationTime(now + 900)
      .sign(new TextEncoder().encode(SECRET));
    expect(await service.verifyAccessToken(token)).toBeNull();
  });

  it("rejects an expired token", async () => {
    const { token } = await service.issueAccessToken({ sub: "cus_1", role: "customer" });
    const later = new JoseTokenService({ ...OPTIONS, now: () => new Date(T0.getTime() + 16 * 60_000) });
    expect(await later.verifyAccessToken(token)).toBeNull();
    const justBefore = new JoseTokenService({ ...OPTIONS, now: () => new Date(T0.getTime() + 14 * 60_000) });
    expect(await justBefore.verifyAccessToken(token)).not.toBeNull();
  });

  it("refuses a token it verified before once that token has expired", async () => {
    let now = T0;
    const moving = new JoseTokenService({ ...OPTIONS, now: () => now });
    const { token } = await moving.issueAccessToken({ sub: "cus_1", role: "customer" });
    expect(await moving.verifyAccessToken(token)).toEqual({ sub: "cus_1", role: "customer" });
    now = new Date(T0.getTime() + 899_000);
    expect(await moving.verifyAccessToken(token)).toEqual({ sub: "cus_1", role: "customer" });
    now = new Date(T0.getTime() + 900_000);
    expect(await moving.verifyAccessToken(token)).toBeNull();
    now = T0;
    const { token: fresh } = await moving.issueAccessToken({ sub: "cus_2", role: "admin" });
    expect(await moving.verifyAccessToken(fresh)).toEqual({ sub: "cus_2", role: "admin" });
  });

  it("rejects an edited copy of a token it has already verified", async () => {
    const { token } = await service.issueAccessToken({ sub: "cus_1", role: "customer" });
    expect(await service.verifyAccessToken(token)).not.toBeNull();
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    expect(await service.verifyAccessToken(`${header}.${encode({ ...claims, role: "admin" })}.${signature}`)).toBeNull();
  });

  it("rejects a token whose payload was edited", async () => {
    const { token } = await service.issueAccessToken({ sub: "cus_1", role: "customer" });
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const edited = `${header}.${encode({ ...claims, role: "admin" })}.${signature}`;
    expect(await service.verifyAccessToken(edited)).toBeNull();
  });

  it("rejects a token for another issuer or audience", async () => {
    const { token } = await service.issueAccessToken({ sub: "cus_1", role: "customer" });
    const otherIssuer = new JoseTokenService({ ...OPTIONS, issuer: "someone-else", now: () => T0 });
    const otherAudience = new JoseTokenService({ ...OPTIONS, audience: "admin-api", now: () => T0 });
    expect(await otherIssuer.verifyAccessToken(token)).toBeNull();
    expect(await otherAudience.verifyAccessToken(token)).toBeNull();
  });

  it("rejects malformed tokens", async () => {
    for (const token of ["", "abc", "a.b.c", "a.b", `${encode({ alg: "HS256" })}.!!!.xyz`]) {
      expect(await service.verifyAccessToken(token)).toBeNull();
    }
  });

  it("rejects a validly signed token with an unknown role", async () => {
    const now = T0.getTime() / 1000;
    const token = await new SignJWT({ role: "superuser" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("cus_1")
      .setIssuer("emporium")
      .setAudience("emporium-api")
      .setExpirationTime(now + 900)
      .sign(new TextEncoder().encode(SECRET));
    expect(await service.verifyAccessToken(token)).toBeNull();
  });

  it("refuses a secret shorter than 32 bytes", () => {
    expect(() => new JoseTokenService({ ...OPTIONS, secret: "short" })).toThrow(/at least 32 bytes/);
  });

  it("makes 32-byte base64url random tokens and sha256 hex hashes", () => {
    const a = service.randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(service.randomToken()).not.toBe(a);
    expect(service.hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
