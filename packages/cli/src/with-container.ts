import { createContainer, loadConfig, type EmporiumContainer } from "@emporium/adapters";
import type { CliIo } from "./cli-io.js";

/** Opens the shop the environment describes, runs `work` on it and closes it, even on failure. */
export async function withContainer<T>(io: CliIo, work: (container: EmporiumContainer) => Promise<T>): Promise<T> {
  const container = await createContainer(loadConfig(io.env));
  try {
    return await work(container);
  } finally {
    await container.close();
  }
}
