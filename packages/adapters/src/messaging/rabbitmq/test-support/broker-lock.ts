import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A readers–writer lock on the local broker across vitest's worker processes. A test that stops
 * the broker (`rabbitmqctl stop_app`) takes it exclusively; every other RabbitMQ test takes it
 * shared, so the restart never lands in the middle of a test that counts deliveries. Entries
 * are named by pid, so a crashed process's entry is recognised and removed.
 */
const ROOT = join(tmpdir(), "emporium-rabbitmq-lock");
const READERS = join(ROOT, "readers");
const WRITER = join(ROOT, "writer");

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function liveReaders(): number {
  let count = 0;
  for (const entry of readdirSync(READERS)) {
    if (alive(Number(entry.split("-")[0]))) count += 1;
    else rmSync(join(READERS, entry), { force: true });
  }
  return count;
}

function writerHeld(): boolean {
  try {
    const [entry] = readdirSync(WRITER);
    if (entry !== undefined && !alive(Number(entry))) {
      rmSync(WRITER, { recursive: true, force: true });
      return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Holds the broker shared until the returned release is called. */
export async function shareBroker(): Promise<() => void> {
  mkdirSync(READERS, { recursive: true });
  const mine = join(READERS, `${process.pid}-${randomBytes(4).toString("hex")}`);
  for (;;) {
    // Register first, then look for a writer: a writer that registers meanwhile sees us.
    writeFileSync(mine, "");
    if (!writerHeld()) return () => rmSync(mine, { force: true });
    rmSync(mine, { force: true });
    await pause(100);
  }
}

/** Holds the broker alone (no shared holder left) until the returned release is called. */
export async function takeBroker(): Promise<() => void> {
  mkdirSync(READERS, { recursive: true });
  for (;;) {
    try {
      mkdirSync(WRITER);
      writeFileSync(join(WRITER, String(process.pid)), "");
      break;
    } catch {
      writerHeld();
      await pause(100);
    }
  }
  while (liveReaders() > 0) await pause(100);
  return () => rmSync(WRITER, { recursive: true, force: true });
}
