import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";
import type { PasswordHasher } from "@emporium/domain";

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

/** Argon2id password hashes in PHC string form (parameters and salt travel inside the hash). */
export class Argon2PasswordHasher implements PasswordHasher {
  private readonly options: Options;

  constructor(params: Argon2Params = ARGON2_DEFAULT_PARAMS) {
    this.options = { algorithm: ARGON2ID, ...params };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash is a failed login, not a server error.
      return false;
    }
  }
}
