import { createHash } from "node:crypto";

/**
 * An exact sliding-window log in one atomic step, so instances sharing a key can never let
 * more than `limit` hits through between them. KEYS[1] is a sorted set of the allowed hits
 * (score = Redis server time in ms); ARGV = limit, window in ms, then one unique member per hit
 * decided together (the hits one instance received in one turn of its event loop). The first
 * hits are allowed while the window has room; refused hits are not logged (as in
 * InMemoryRateLimiter). Server time means the instances' clocks never disagree about the window.
 * Returns {hits allowed, hits in the window before them, retry-after ms for the refused}.
 */
export const SLIDING_WINDOW_LUA = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local hits = #ARGV - 2
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local before = redis.call('ZCARD', KEYS[1])
local allowed = math.max(math.min(hits, limit - before), 0)
if allowed > 0 then
  local members = {}
  for i = 1, allowed do
    members[2 * i - 1] = now
    members[2 * i] = ARGV[2 + i]
  end
  redis.call('ZADD', KEYS[1], unpack(members))
  redis.call('PEXPIRE', KEYS[1], window)
end
if allowed == hits then return {allowed, before, 0} end
local count = before + allowed
local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
local retry = window
if oldest[2] then retry = tonumber(oldest[2]) + window - now end
if retry < 1 then retry = 1 end
return {allowed, before, retry}
`;

export const SLIDING_WINDOW_SHA = createHash("sha1").update(SLIDING_WINDOW_LUA).digest("hex");
