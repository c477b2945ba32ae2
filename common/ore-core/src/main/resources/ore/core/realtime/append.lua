-- Appends one message of a realtime channel to its history and returns {epoch, offset}.
-- Producers run it before they publish, so the history holds every message whether or not an
-- engine instance listens at that moment; every engine instance subscribed to the channel runs it
-- again for each message it receives, finds the "seen" key and gets the same {epoch, offset}, so
-- all instances deliver the message under the offset its producer gave it.
-- A channel without history metadata (never used, or expired historyTtl after its last message)
-- starts a new epoch: clients holding an older epoch cannot recover across it.
-- KEYS: stream, meta, seen. ARGV: data, new epoch, max length, history ttl ms, seen ttl ms.
local seen = redis.call('GET', KEYS[3])
if seen then
  local sep = string.find(seen, ':', 1, true)
  return {string.sub(seen, 1, sep - 1), tonumber(string.sub(seen, sep + 1))}
end
local epoch = redis.call('HGET', KEYS[2], 'e')
if not epoch then
  epoch = ARGV[2]
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[2], 'e', epoch, 'o', 0)
end
local offset = redis.call('HINCRBY', KEYS[2], 'o', 1)
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], offset .. '-0', 'd', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('SET', KEYS[3], epoch .. ':' .. offset, 'PX', ARGV[5])
return {epoch, offset}
