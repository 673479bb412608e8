import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight.js";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending microtask and I/O callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("SingleFlight", () => {
  it("shares one load among concurrent callers of one key", async () => {
    const flight = new SingleFlight();
    const gate = deferred<string>();
    let loads = 0;
    const loader = () => {
      loads += 1;
      return gate.promise;
    };
    const results = Array.from({ length: 100 }, () => flight.do("k", loader));
    await settle();
    gate.resolve("value");
    expect(await Promise.all(results)).toEqual(Array(100).fill("value"));
    expect(loads).toBe(1);
    expect(flight.size).toBe(0);
  });

  it("loads different keys separately", async () => {
    const flight = new SingleFlight();
    const [a, b] = await Promise.all([flight.do("a", async () => "A"), flight.do("b", async () => "B")]);
    expect([a, b]).toEqual(["A", "B"]);
  });

  it("shares a failure, then lets the next caller try again", async () => {
    const flight = new SingleFlight();
    let attempts = 0;
    const failing = async () => {
      attempts += 1;
      throw new Error("db down");
    };
    const both = await Promise.allSettled([flight.do("k", failing), flight.do("k", failing)]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(attempts).toBe(1);
    expect(await flight.do("k", async () => "recovered")).toBe("recovered");
  });

  it("survives a loader that throws synchronously", async () => {
    const flight = new SingleFlight();
    const syncThrow = (): Promise<never> => {
      throw new Error("boom");
    };
    await expect(flight.do("k", syncThrow)).rejects.toThrow("boom");
    expect(flight.size).toBe(0);
  });
});
