-- GDPR erasure of a player's live state, leaving a tombstone that refuses further updates.
-- KEYS[1] track, KEYS[2] share, KEYS[3] rej, KEYS[4] cheat, KEYS[5] erased, KEYS[6] pending (all {p:<id>})
-- ARGV[1] tombstone TTL ms
-- Returns the deleted track value (or false).
local track = redis.call('GET', KEYS[1])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[6])
redis.call('SET', KEYS[5], '1', 'PX', ARGV[1])
return track
