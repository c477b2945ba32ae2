-- Position of a channel, optionally with the publications a client missed, all or nothing.
-- Starts a new epoch when the history is gone (never written, or expired history ttl after its
-- last message); producers append every message (append.lua in ore-core) before publishing it, so
-- an existing history is complete whether or not an engine listened.
-- KEYS: stream, meta. ARGV: new epoch, history ttl ms, mode, offset, epoch, count.
-- mode "recover": returns {epoch, top, recovered(0|1), data...} with every publication after offset.
-- mode "history": returns {epoch, top, offset1, data1, ...} with the newest `count` publications.
local epoch = redis.call('HGET', KEYS[2], 'e')
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[2], 'e', epoch, 'o', 0)
end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
local top = tonumber(redis.call('HGET', KEYS[2], 'o'))
local count = tonumber(ARGV[6])
if ARGV[3] == 'history' then
  local out = {epoch, top}
  if count > 0 then
    local entries = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', count)
    for i = #entries, 1, -1 do
      out[#out + 1] = string.match(entries[i][1], '^(%d+)')
      out[#out + 1] = entries[i][2][2]
    end
  end
  return out
end
local offset = tonumber(ARGV[4])
if epoch ~= ARGV[5] or offset > top or top - offset > count then
  return {epoch, top, 0}
end
if offset == top then
  return {epoch, top, 1}
end
local entries = redis.call('XRANGE', KEYS[1], (offset + 1) .. '-0', '+')
if #entries ~= top - offset then
  return {epoch, top, 0}
end
local out = {epoch, top, 1}
for i = 1, #entries do
  out[#out + 1] = entries[i][2][2]
end
return out
