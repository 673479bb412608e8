import { createHash } from "node:crypto";

/**
 * An exact sliding-window log in one atomic step, so instances sharing a key can never let
 * more than `limit` hits through between them. KEYS[1] is a sorted set of the allowed hits
 * (score = Redis server time in ms); ARGV = limit, window in ms, a unique member for this hit.
 * Refused hits are not logged (as in InMemoryRateLimiter). Server time means the instances'
 * clocks never disagree about the window. Returns {allowed 0|1, remaining, retry-after ms}.
 */
export const SLIDING_WINDOW_LUA = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
local retry = window
if oldest[2] then retry = tonumber(oldest[2]) + window - now end
if retry < 1 then retry = 1 end
return {0, 0, retry}
`;

export const SLIDING_WINDOW_SHA = createHash("sha1").update(SLIDING_WINDOW_LUA).digest("hex");
