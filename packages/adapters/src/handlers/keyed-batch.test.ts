import { describe, expect, it } from "vitest";
import { KeyedBatch } from "./keyed-batch.js";

function gatedBatch(fail: (keys: readonly string[]) => boolean = () => false) {
  const runs: string[][] = [];
  const gates: (() => void)[] = [];
  const batch = new KeyedBatch<string>(async (keys) => {
    runs.push([...keys]);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (fail(keys)) throw new Error(`run over ${keys.join(",")} failed`);
  });
  const started = async (count: number) => {
    while (runs.length < count) await new Promise((resolve) => setImmediate(resolve));
  };
  return { batch, runs, started, finishNext: () => gates.shift()!() };
}

describe("KeyedBatch", () => {
  it("runs the keys requested in the same turn together, once each", async () => {
    const { batch, runs, started, finishNext } = gatedBatch();
    const first = batch.request(["p1", "p2"]);
    const second = batch.request(["p2", "p3"]);
    await started(1);
    expect(runs).toEqual([["p1", "p2", "p3"]]);
    finishNext();
    await Promise.all([first, second]);
  });

  it("gathers the requests made during a run into one follow-up run", async () => {
    const { batch, runs, started, finishNext } = gatedBatch();
    let settled = false;
    const first = batch.request(["p1"]);
    await started(1);
    const later = batch.request(["p1"]).then(() => (settled = true));
    const other = batch.request(["p2"]);
    finishNext();
    await first;
    // The follow-up has not run yet: a request resolves only after a run that started after it.
    expect(settled).toBe(false);
    await started(2);
    expect(runs).toEqual([["p1"], ["p1", "p2"]]);
    finishNext();
    await Promise.all([later, other]);
    expect(settled).toBe(true);
  });

  it("rejects the requests of a failed run, and runs again for the next ones", async () => {
    const { batch, runs, started, finishNext } = gatedBatch((keys) => keys.includes("bad"));
    const failed = batch.request(["bad", "p1"]);
    await started(1);
    finishNext();
    await expect(failed).rejects.toThrow("run over bad,p1 failed");
    const retried = batch.request(["p1"]);
    await started(2);
    finishNext();
    await expect(retried).resolves.toBeUndefined();
    expect(runs).toEqual([["bad", "p1"], ["p1"]]);
  });

  it("runs each request of a failed shared run again on its own, so only the bad one fails", async () => {
    const { batch, runs, started, finishNext } = gatedBatch((keys) => keys.includes("bad"));
    const good = batch.request(["p1"]);
    const bad = batch.request(["bad", "p2"]);
    const other = batch.request(["p3", "p1"]);
    await started(1);
    finishNext();
    for (let run = 2; run <= 4; run++) {
      await started(run);
      finishNext();
    }
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow("run over bad,p2 failed");
    await expect(other).resolves.toBeUndefined();
    expect(runs).toEqual([["p1", "bad", "p2", "p3"], ["p1"], ["bad", "p2"], ["p3", "p1"]]);
  });

  it("resolves at once when asked for no keys", async () => {
    const { batch, runs } = gatedBatch();
    await batch.request([]);
    expect(runs).toEqual([]);
  });
});
