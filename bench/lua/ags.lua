-- AGS: POST /ags/refresh with Authorization: Bearer <refresh token>, rotating on every call.
-- wrk ... -s ags.lua URL -- <auth-service> <tenant> <session-token> <client-id> [stop-after-refreshes-per-thread]
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local q = require("common")

local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  service, tenant, session, client = args[1], args[2], args[3], args[4]
  limit = tonumber(args[5] or "0")
  queue = q.new()
  refreshes, signons, failures, lastfail = 0, 0, 0, ""
  refresh_headers = { ["Content-Type"] = "application/json", ["x-auth-service-id"] = service }
  signon_body = '{"parameters":[{"name":"sessionToken","value":"' .. session .. '"}],"clientId":"' .. client .. '"}'
  signon_headers = { ["Content-Type"] = "application/json", ["x-auth-service-id"] = service, ["nv-tenant-id"] = tenant }
end

function request()
  local token = q.pop(queue)
  if token == nil then
    return wrk.format("POST", "/ags/signOnWithSessionToken", signon_headers, signon_body)
  end
  refresh_headers["Authorization"] = "Bearer " .. token
  return wrk.format("POST", "/ags/refresh", refresh_headers, '{"parameters":[]}')
end

function response(status, headers, body)
  local token = body:match('"refresh_token":"([^"]+)"')
  if (status == 200 or status == 201) and token then
    if status == 200 then refreshes = refreshes + 1 else signons = signons + 1 end
    q.push(queue, token)
  else
    failures = failures + 1
    lastfail = status .. " " .. body:sub(1, 120)
  end
  if limit > 0 and refreshes >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local r, s, f, last = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    r = r + t:get("refreshes"); s = s + t:get("signons"); f = f + t:get("failures")
    if t:get("lastfail") ~= "" then last = t:get("lastfail") end
  end
  io.write(string.format("BENCH refreshes=%d signons=%d failures=%d p50_us=%d p99_us=%d rps=%.1f\n",
    r, s, f, latency:percentile(50), latency:percentile(99), summary.requests / (summary.duration / 1e6)))
  if last ~= "" then io.write("BENCH last_failure=" .. last .. "\n") end
end
