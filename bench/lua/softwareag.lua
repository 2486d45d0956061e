-- Software AG: POST /invoke/pub.oauth/refreshAccessToken, grant_type=refresh_token with HTTP Basic client
-- authentication; the refresh token rotates on every call. Sessions start with the password grant of getAccessToken.
-- wrk ... -s softwareag.lua URL -- <basic-credentials (base64 of id:secret)> <username> <password> [limit] [sessions]
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local api = { args = 3 }

function api.init(args)
  api.headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = "Basic " .. args[1] }
  api.issue_body = "grant_type=password&username=" .. common.urlencode(args[2]) .. "&password=" .. common.urlencode(args[3])
end

function api.issue()
  return wrk.format("POST", "/invoke/pub.oauth/getAccessToken", api.headers, api.issue_body)
end

function api.refresh(token)
  return wrk.format("POST", "/invoke/pub.oauth/refreshAccessToken", api.headers, "grant_type=refresh_token&refresh_token=" .. token)
end

function api.parse(body) return body:match('"refresh_token":"([^"]+)"') end

common.run(api)
