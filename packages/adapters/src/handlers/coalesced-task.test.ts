import { describe, expect, it } from "vitest";
import { CoalescedTask } from "./coalesced-task.js";

/** A task whose runs finish only when the test says so. */
function gatedTask() {
  const gates: (() => void)[] = [];
  let runs = 0;
  const task = new CoalescedTask(async () => {
    runs += 1;
    await new Promise<void>((resolve) => gates.push(resolve));
  });
  return { task, runs: () => runs, finishNext: () => gates.shift()!() };
}

describe("CoalescedTask", () => {
  it("runs at once when idle, and merges the requests made during a run into one follow-up", async () => {
    const { task, runs, finishNext } = gatedTask();
    const first = task.request();
    const second = task.request();
    const third = task.request();
    expect(second).toBe(third);
    expect(runs()).toBe(1);
    finishNext();
    await first;
    await Promise.resolve();
    expect(runs()).toBe(2);
    finishNext();
    await Promise.all([second, third]);
    expect(runs()).toBe(2);

    const later = task.request();
    expect(runs()).toBe(3);
    finishNext();
    await later;
  });

  it("rejects the requests of a failed run, and runs again for the next one", async () => {
    let fail = true;
    let runs = 0;
    const task = new CoalescedTask(async () => {
      runs += 1;
      if (fail) throw new Error("refresh failed");
    });
    await expect(task.request()).rejects.toThrow("refresh failed");
    fail = false;
    await expect(task.request()).resolves.toBeUndefined();
    expect(runs).toBe(2);
  });
});
