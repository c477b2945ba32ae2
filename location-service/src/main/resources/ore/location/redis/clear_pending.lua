-- Forgets a commit's pending tracking events once Kafka acknowledged them, unless a later commit
-- replaced them meanwhile.
-- KEYS[1] pending loc:{p:<id>}:pending, ARGV[1] the version whose events were published
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. ';' then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
