import { randomBytes } from "node:crypto";
import { ConfigError, profileOf, type Config } from "../config.js";
import type { KyselySettings } from "../sql/kysely-settings.js";

const SETTING = "jwt_secret";

/** Throws a one-line ConfigError when the profile needs a configured JWT_SECRET and none is set. */
export function checkJwtSecret(config: Config): void {
  if (config.jwt.secret === null && profileOf(config) === "production") {
    throw new ConfigError([
      "JWT_SECRET must be set (at least 32 characters) in the production profile (PostgreSQL, REDIS_URL or AMQP_URL)",
    ]);
  }
}

/**
 * The HMAC key for access tokens: JWT_SECRET when set. In the embedded profile a missing one
 * is generated once and kept in the settings table, so a restart keeps sessions valid (and
 * several processes on one file agree on it). In production it must be configured.
 */
export async function resolveJwtSecret(config: Config, settings: KyselySettings): Promise<string> {
  checkJwtSecret(config);
  if (config.jwt.secret !== null) return config.jwt.secret;
  return settings.setIfAbsent(SETTING, randomBytes(32).toString("base64url"));
}
