-- Shared by the rotating-refresh scripts (ags.lua, softwareag.lua, secmgmt.lua).
--
-- Each wrk thread keeps a queue with the newest token(s) of every session it started. A request takes the
-- session at the front; its response hands back the session's next token(s), which go to the back. A
-- session is therefore never in two requests at once and no token is presented twice (no reuse, no
-- revocation), however wrk interleaves the thread's connections. When the queue is empty (the first
-- request of each connection, or a session lost to a timeout) the request starts a new session instead.
--
-- Script arguments after the API's own: [refreshes-per-thread limit, 0 = none] [sessions per thread]
-- With a limit the thread stops after that many successful refreshes; with a session count it first
-- starts that many sessions, so the refreshes are spread over them (the memory run uses both).
local M = {}

local queue = { first = 1, last = 0, items = {} }
local function push(v) queue.last = queue.last + 1; queue.items[queue.last] = v end
local function pop()
  if queue.first > queue.last then return nil end
  local v = queue.items[queue.first]
  queue.items[queue.first] = nil
  queue.first = queue.first + 1
  return v
end

function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- api = { args = n, init = function(args), issue = function() -> request, refresh = function(session) -> request,
--         parse = function(body) -> session or nil }
function M.run(api)
  local threads = {}
  function setup(thread) table.insert(threads, thread) end

  function init(args)
    api.init(args)
    limit = tonumber(args[api.args + 1] or "0") or 0
    sessions_wanted = tonumber(args[api.args + 2] or "0") or 0
    answered, signons, failures, lastfail = 0, 0, 0, ""
  end

  local function issue()
    signons = signons + 1
    return api.issue()
  end

  function request()
    if signons < sessions_wanted then return issue() end
    local session = pop()
    if session == nil then return issue() end
    return api.refresh(session)
  end

  -- Sign-on and refresh answers look alike (Software AG and Security Management answer both with 200), so
  -- refreshes are counted as the good answers minus the sessions started.
  function response(status, headers, body)
    local session = api.parse(body)
    if session and (status == 200 or status == 201) then
      answered = answered + 1
      push(session)
    else
      failures = failures + 1
      lastfail = status .. " " .. body:sub(1, 160)
    end
    if limit > 0 and answered - signons >= limit then wrk.thread:stop() end
  end

  function done(summary, latency, requests)
    local r, s, f, last = 0, 0, 0, ""
    for _, t in ipairs(threads) do
      r = r + math.max(0, t:get("answered") - t:get("signons")); s = s + t:get("signons"); f = f + t:get("failures")
      if t:get("lastfail") ~= "" then last = t:get("lastfail") end
    end
    io.write(string.format("BENCH requests=%d refreshes=%d signons=%d failures=%d errors=%d p50_us=%d p99_us=%d rps=%.1f\n",
      summary.requests, r, s, f, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
      latency:percentile(50), latency:percentile(99), summary.requests / (summary.duration / 1e6)))
    if last ~= "" then io.write("BENCH last_failure=" .. last .. "\n") end
  end
end

return M
