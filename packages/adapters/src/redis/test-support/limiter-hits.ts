// One "instance" of the shared-limit test: fires HITS concurrent hits at KEY and prints how many were allowed.
import { RedisRateLimiter } from "../redis-rate-limiter.js";
import { closeRedisClient, createRedisClient } from "../create-redis-client.js";

const [url, prefix, key, hits, limit, windowMs] = process.argv.slice(2);
if (windowMs === undefined) throw new Error("usage: limiter-hits.ts <redis url> <prefix> <key> <hits> <limit> <window ms>");

const client = createRedisClient(url!, { commandTimeoutMs: 2_000 });
await client.connect();
try {
  const limiter = new RedisRateLimiter({ client, prefix });
  const decisions = await Promise.all(Array.from({ length: Number(hits) }, () => limiter.hit(key!, Number(limit), Number(windowMs))));
  process.stdout.write(`${JSON.stringify({ allowed: decisions.filter((d) => d.allowed).length })}\n`);
} finally {
  await closeRedisClient(client);
}
