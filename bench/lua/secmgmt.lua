-- Security Management: PUT /api/v2/auth/token {"token": <access>, "refreshToken": <refresh>}; both tokens are
-- carried from each answer to the next request (the pair rotates). Sessions start with POST {"username", "password"}.
-- wrk ... -s secmgmt.lua URL -- <username> <password> [limit] [sessions]
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local api = { args = 2 }
local headers = { ["Content-Type"] = "application/json" }

function api.init(args)
  api.issue_body = '{"username":"' .. args[1] .. '","password":"' .. args[2] .. '"}'
end

function api.issue() return wrk.format("POST", "/api/v2/auth/token", headers, api.issue_body) end

function api.refresh(pair)
  return wrk.format("PUT", "/api/v2/auth/token", headers, '{"token":"' .. pair[1] .. '","refreshToken":"' .. pair[2] .. '"}')
end

function api.parse(body)
  local access, refresh = body:match('"token":"([^"]+)"'), body:match('"refreshToken":"([^"]+)"')
  if access and refresh then return { access, refresh } end
  return nil
end

common.run(api)
