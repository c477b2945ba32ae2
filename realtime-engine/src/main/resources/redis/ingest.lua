-- Appends one message of a channel to its history and returns {epoch, offset}.
-- Every engine instance subscribed to the channel runs this for every message it receives; the
-- first run appends, later runs (other instances, same message) find the "seen" key and get the
-- same {epoch, offset}, so all instances deliver the message under one offset.
-- KEYS: stream, meta, live, seen. ARGV: data, new epoch, max length, history ttl ms, lease ms, seen ttl ms.
local seen = redis.call('GET', KEYS[4])
if seen then
  local sep = string.find(seen, ':', 1, true)
  return {string.sub(seen, 1, sep - 1), tonumber(string.sub(seen, sep + 1))}
end
local epoch = redis.call('HGET', KEYS[2], 'e')
if (not epoch) or redis.call('EXISTS', KEYS[3]) == 0 then
  -- Nobody was listening (or the history expired): what came before is not a complete history.
  epoch = ARGV[2]
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[2], 'e', epoch, 'o', 0)
end
local offset = redis.call('HINCRBY', KEYS[2], 'o', 1)
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], offset .. '-0', 'd', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[5])
redis.call('SET', KEYS[4], epoch .. ':' .. offset, 'PX', ARGV[6])
return {epoch, offset}
