-- Position of a channel, optionally with the publications a client missed, all or nothing.
-- Starts a new epoch when nobody has been listening (no live lease) or the history expired.
-- KEYS: stream, meta, live. ARGV: new epoch, history ttl ms, lease ms, mode, offset, epoch, count.
-- mode "recover": returns {epoch, top, recovered(0|1), data...} with every publication after offset.
-- mode "history": returns {epoch, top, offset1, data1, ...} with the newest `count` publications.
local epoch = redis.call('HGET', KEYS[2], 'e')
if (not epoch) or redis.call('EXISTS', KEYS[3]) == 0 then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[2], 'e', epoch, 'o', 0)
end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[3])
local top = tonumber(redis.call('HGET', KEYS[2], 'o'))
local count = tonumber(ARGV[7])
if ARGV[4] == 'history' then
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
local offset = tonumber(ARGV[5])
if epoch ~= ARGV[6] or offset > top or top - offset > count then
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
