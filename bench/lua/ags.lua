-- AGS: POST /ags/refresh with "Authorization: Bearer <refresh token>"; the refresh token rotates on every call.
-- wrk ... -s ags.lua URL -- <auth-service> <tenant> <session-token> <client-id> [limit] [sessions]
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local api = { args = 4 }

function api.init(args)
  api.service, api.tenant, api.session, api.client = args[1], args[2], args[3], args[4]
  api.issue_body = '{"parameters":[{"name":"sessionToken","value":"' .. api.session .. '"}],"clientId":"' .. api.client .. '"}'
  api.issue_headers = { ["Content-Type"] = "application/json", ["x-auth-service-id"] = api.service, ["nv-tenant-id"] = api.tenant }
  api.refresh_headers = { ["Content-Type"] = "application/json", ["x-auth-service-id"] = api.service }
end

function api.issue() return wrk.format("POST", "/ags/signOnWithSessionToken", api.issue_headers, api.issue_body) end

function api.refresh(token)
  api.refresh_headers["Authorization"] = "Bearer " .. token
  return wrk.format("POST", "/ags/refresh", api.refresh_headers, '{"parameters":[]}')
end

function api.parse(body) return body:match('"refresh_token":"([^"]+)"') end

common.run(api)
