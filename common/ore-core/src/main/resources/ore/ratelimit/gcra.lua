-- Generic Cell Rate Algorithm, one key per (limit, subject).
-- KEYS[1]  the subject's key; it holds the "theoretical arrival time" (TAT) in ms.
-- ARGV[1]  emission interval in ms (period / limit)
-- ARGV[2]  period in ms (the burst the limit tolerates)
-- Returns  {allowed (1|0), remaining, retry_after_ms}
-- The clock is Redis's own (TIME), so all service instances agree whatever their clocks say.
local interval = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then
  tat = now
end
local new_tat = tat + interval
local allow_at = new_tat - period
if now < allow_at then
  return {0, 0, allow_at - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', new_tat - now)
return {1, math.floor((now - allow_at) / interval), 0}
