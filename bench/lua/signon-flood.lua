-- A sign-on flood: every request starts a new AGS session (POST /ags/signOnWithSessionToken), none is refreshed.
-- wrk ... -s signon-flood.lua URL -- <auth-service> <tenant> <session-token> <client-id>
local body, headers

function init(args)
  body = '{"parameters":[{"name":"sessionToken","value":"' .. args[3] .. '"}],"clientId":"' .. args[4] .. '"}'
  headers = { ["Content-Type"] = "application/json", ["x-auth-service-id"] = args[1], ["nv-tenant-id"] = args[2] }
end

function request() return wrk.format("POST", "/ags/signOnWithSessionToken", headers, body) end
