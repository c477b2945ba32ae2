-- Listed players of one presence cell within a radius, seen recently enough.
-- KEYS[1] geo, KEYS[2] seen (same cell)
-- ARGV[1] lon, ARGV[2] lat, ARGV[3] radius m, ARGV[4] max results, ARGV[5] seen-since ms
-- Returns a flat list: id1, lon1, lat1, id2, lon2, lat2, ... nearest first. Coordinates are cut to
-- 7 decimals (about 1 cm): GEO answers with 17 digits, which Java parses on a slow path.
-- Writes keep cells nearly free of stale members, so the stale ones are fetched once (usually none)
-- instead of looking up every candidate's last-seen time; past 200 stale members it looks each up.
local found = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3], 'm',
  'ASC', 'COUNT', ARGV[4], 'WITHCOORD')
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5], 'LIMIT', 0, 200)
local perMember = #stale >= 200
local isStale = {}
for _, member in ipairs(stale) do
  isStale[member] = true
end
local since = tonumber(ARGV[5])
local out = {}
for _, item in ipairs(found) do
  local fresh
  if perMember then
    local seen = redis.call('ZSCORE', KEYS[2], item[1])
    fresh = seen and tonumber(seen) >= since
  else
    fresh = not isStale[item[1]]
  end
  if fresh then
    out[#out + 1] = item[1]
    out[#out + 1] = string.format('%.7f', tonumber(item[2][1]))
    out[#out + 1] = string.format('%.7f', tonumber(item[2][2]))
  end
end
return out
