-- Optimistic commit of a player's track, its tracking events and the cheat-rejection counter, atomically.
-- KEYS[1] track   loc:{p:<id>}:track   value "<version>;<body>"
-- KEYS[2] rej     loc:{p:<id>}:rej     sorted set: member = fix ts, score = server ms when rejected
-- KEYS[3] cheat   loc:{p:<id>}:cheat   present while a SuspectedCheat was reported recently
-- KEYS[4] erased  loc:{p:<id>}:erased  GDPR tombstone: an erasure that raced this update wins
-- KEYS[5] pending loc:{p:<id>}:pending "<version>;<events JSON>": the LocationTracked events of the
--                 judgement this commit makes real, until they are acknowledged by Kafka
-- ARGV[1] expected version, ARGV[2] new body, ARGV[3] track TTL ms, ARGV[4] now ms,
-- ARGV[5] window start ms (now - window), ARGV[6] window ms, ARGV[7] threshold, ARGV[8] cooldown ms,
-- ARGV[9] events JSON ('' for none), ARGV[10..] timestamps of fixes rejected for cheating in this batch
-- Returns {applied (0|1), rejections within the window, report (0|1)}.
if redis.call('EXISTS', KEYS[4]) == 1 then
  return {0, 0, 0}
end
local current = redis.call('GET', KEYS[1])
local version = 0
if current then
  version = tonumber(string.match(current, '^(%d+);')) or 0
end
if version ~= tonumber(ARGV[1]) then
  return {0, 0, 0}
end
redis.call('SET', KEYS[1], (version + 1) .. ';' .. ARGV[2], 'PX', ARGV[3])
-- The version did not move since the caller loaded the state and published what was pending then,
-- so any pending value here is already published and may be replaced.
if ARGV[9] ~= '' then
  redis.call('SET', KEYS[5], (version + 1) .. ';' .. ARGV[9], 'PX', ARGV[3])
else
  redis.call('DEL', KEYS[5])
end
if #ARGV < 10 then
  return {1, 0, 0}
end
for i = 10, #ARGV do
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[i])
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
local count = redis.call('ZCARD', KEYS[2])
local report = 0
if count >= tonumber(ARGV[7]) then
  if redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[8]) then
    report = 1
  end
end
return {1, count, report}
