-- Live presence entries of a channel: drops the expired ones (score = expiry, ms), then counts.
-- KEYS: presence zset. ARGV: now ms.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZCARD', KEYS[1])
