import { describe, expect, it } from "vitest";
import { BatchRunner } from "./batch-runner.js";

describe("BatchRunner", () => {
  it("runs at most `concurrency` batches at once and runs a failed one again alone", async () => {
    let running = 0;
    let most = 0;
    const attempts = new Map<number, number>();
    const log: string[] = [];
    const runner = new BatchRunner(async (batch: number) => {
      attempts.set(batch, (attempts.get(batch) ?? 0) + 1);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      if (batch === 2 && attempts.get(batch) === 1) throw new Error("unique violation");
      log.push(`${batch} alone=${running === 0}`);
    }, 3);
    for (let batch = 1; batch <= 8; batch++) await runner.submit(batch);
    await runner.finish();
    expect(most).toBe(3);
    expect(attempts.get(2)).toBe(2);
    expect(log).toContain("2 alone=true");
    expect(log).toHaveLength(8);
  });

  it("ends with the error of a batch that fails alone too", async () => {
    const runner = new BatchRunner(async (batch: number) => {
      if (batch === 1) throw new Error(`batch ${batch} cannot be written`);
    }, 2);
    await runner.submit(1);
    await expect(
      (async () => {
        await runner.submit(2);
        await runner.submit(3);
        await runner.finish();
      })(),
    ).rejects.toThrow("batch 1 cannot be written");
  });
});
