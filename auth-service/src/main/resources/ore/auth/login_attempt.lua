-- One login attempt, counted and checked atomically BEFORE the password is verified, so a burst of
-- parallel guesses cannot slip through between a check and the count of its failure.
--
-- KEYS[1] attempts of this client group for this account   KEYS[2] lock of this client group for this account
-- KEYS[3] attempts on this account from all clients         KEYS[4] slow-down gate of this account
-- KEYS[5] marker: this client group signed in to this account before (the owner's known device)
-- ARGV[1] window ms   ARGV[2] free attempts   ARGV[3] first lock ms   ARGV[4] max lock ms
-- ARGV[5] account ceiling (attempts per window before unknown clients are slowed)   ARGV[6] slow interval ms
-- Returns {1, attempts} when the attempt may proceed, {0, retry-after ms} when it may not.
local window = tonumber(ARGV[1])
local free = tonumber(ARGV[2])
local first_lock = tonumber(ARGV[3])
local max_lock = tonumber(ARGV[4])
local ceiling = tonumber(ARGV[5])
local slow = tonumber(ARGV[6])

local locked = redis.call('PTTL', KEYS[2])
if locked > 0 then
  return {0, locked}
end

-- Past the account's ceiling, clients it has never seen sign in share one attempt per slow interval;
-- the owner's known client groups are never held back by what strangers do.
local known = redis.call('EXISTS', KEYS[5]) == 1
local total = tonumber(redis.call('GET', KEYS[3]) or '0')
if not known and total >= ceiling then
  local gate = redis.call('PTTL', KEYS[4])
  if gate > 0 then
    return {0, gate}
  end
  redis.call('SET', KEYS[4], '1', 'PX', slow)
end

local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], window)
redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], window)
if n > free then
  local lock = first_lock * math.pow(2, math.min(n - free - 1, 20))
  if lock > max_lock then
    lock = max_lock
  end
  redis.call('SET', KEYS[2], '1', 'PX', lock)
  return {0, lock}
end
return {1, n}
