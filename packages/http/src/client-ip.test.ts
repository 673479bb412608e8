import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { clientIp, type TrustProxy } from "./client-ip.js";
import { fromSocket } from "./test-support/socket-env.js";

const ipOf = async (trustProxy: TrustProxy, forwardedFor?: string) => {
  const app = new Hono();
  app.get("/", (c) => c.text(clientIp(c, trustProxy)));
  const headers: Record<string, string> = forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor };
  return (await app.request("/", { headers }, fromSocket("10.0.0.9"))).text();
};

describe("clientIp", () => {
  it("uses the socket peer when proxies are not trusted, whatever X-Forwarded-For says", async () => {
    expect(await ipOf(false, "1.1.1.1")).toBe("10.0.0.9");
    expect(await ipOf(0, "1.1.1.1")).toBe("10.0.0.9");
  });

  it("takes the left-most entry when every proxy is trusted", async () => {
    expect(await ipOf(true, "203.0.113.7, 198.51.100.2, 10.0.0.1")).toBe("203.0.113.7");
  });

  it("counts hops from the right so a client cannot spoof the address", async () => {
    const chain = "6.6.6.6, 203.0.113.7, 10.0.0.1";
    expect(await ipOf(1, chain)).toBe("10.0.0.1");
    expect(await ipOf(2, chain)).toBe("203.0.113.7");
    expect(await ipOf(9, chain)).toBe("6.6.6.6");
  });

  it("falls back to the socket without X-Forwarded-For", async () => {
    expect(await ipOf(true)).toBe("10.0.0.9");
    expect(await ipOf(2, " , ")).toBe("10.0.0.9");
  });

  it("says unknown outside the node server", async () => {
    const app = new Hono();
    app.get("/", (c) => c.text(clientIp(c, false)));
    expect(await (await app.request("/")).text()).toBe("unknown");
  });
});
