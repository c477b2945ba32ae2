-- Lists a player under a presence cell and trims the cell.
-- KEYS[1] geo   loc:geo:{c:<cell>}   GEO set of listed players
-- KEYS[2] seen  loc:seen:{c:<cell>}  sorted set: member = player id, score = last seen ms
-- ARGV[1] player id, ARGV[2] lon, ARGV[3] lat, ARGV[4] now ms, ARGV[5] stale-before ms,
-- ARGV[6] max members, ARGV[7] key TTL ms
-- Every write removes up to 100 stale members and, beyond the cap, the longest unseen ones, so a
-- cell never grows without bound and an abandoned cell expires as a whole.
redis.call('GEOADD', KEYS[1], ARGV[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5], 'LIMIT', 0, 100)
if #stale > 0 then
  redis.call('ZREM', KEYS[1], unpack(stale))
  redis.call('ZREM', KEYS[2], unpack(stale))
end
local size = redis.call('ZCARD', KEYS[2])
local excess = size - tonumber(ARGV[6])
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, math.min(excess, 100) - 1)
  redis.call('ZREM', KEYS[1], unpack(oldest))
  redis.call('ZREM', KEYS[2], unpack(oldest))
end
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PEXPIRE', KEYS[2], ARGV[7])
return size
