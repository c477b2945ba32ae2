-- Listed players of one presence cell within a radius, seen recently enough.
-- KEYS[1] geo, KEYS[2] seen (same cell)
-- ARGV[1] lon, ARGV[2] lat, ARGV[3] radius m, ARGV[4] max results, ARGV[5] seen-since ms
-- Returns a flat list: id1, lon1, lat1, id2, lon2, lat2, ... nearest first. Coordinates are cut to
-- 7 decimals (about 1 cm): GEO answers with 17 digits, which Java parses on a slow path.
local found = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3], 'm',
  'ASC', 'COUNT', ARGV[4], 'WITHCOORD')
local since = tonumber(ARGV[5])
local out = {}
for _, item in ipairs(found) do
  local seen = redis.call('ZSCORE', KEYS[2], item[1])
  if seen and tonumber(seen) >= since then
    out[#out + 1] = item[1]
    out[#out + 1] = string.format('%.7f', tonumber(item[2][1]))
    out[#out + 1] = string.format('%.7f', tonumber(item[2][2]))
  end
end
return out
