import type { DataKeys } from "../encryption/data-key.js";

/** A fixed personal data key for test databases on PostgreSQL, which has no generated key to fall back on. */
export const TEST_DATA_KEYS: DataKeys = { current: { id: "test", material: Buffer.alloc(32, 7) }, old: [] };
