import { availableParallelism } from "node:os";
import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";
import type { PasswordHasher } from "@emporium/domain";
import pLimit, { type LimitFunction } from "p-limit";

export interface Argon2Params {
  /** Memory in KiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_DEFAULT_PARAMS: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

// `Algorithm` is an ambient const enum, which isolatedModules cannot read at runtime; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/**
 * Argon2id password hashes in PHC string form (parameters and salt travel inside the hash).
 * At most one hash or verification per core runs at a time (`maxConcurrent`): each holds its
 * memory cost (19 MiB) while it runs, and more than the cores can run would only share them.
 */
export class Argon2PasswordHasher implements PasswordHasher {
  private readonly options: Options;
  private readonly limit: LimitFunction;

  constructor(params: Argon2Params = ARGON2_DEFAULT_PARAMS, maxConcurrent = availableParallelism()) {
    this.options = { algorithm: ARGON2ID, ...params };
    this.limit = pLimit(maxConcurrent);
  }

  /** Hashes and verifications running now and waiting for their turn. */
  get pending(): { readonly running: number; readonly waiting: number } {
    return { running: this.limit.activeCount, waiting: this.limit.pendingCount };
  }

  hash(password: string): Promise<string> {
    return this.limit(() => hash(password, this.options));
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await this.limit(() => verify(passwordHash, password));
    } catch {
      // A malformed stored hash is a failed login, not a server error.
      return false;
    }
  }
}
