-- Shared by the rotating-refresh scripts: a per-thread queue of the newest token of each session.
-- Every response hands back the family's next token, which goes to the end of the queue; every
-- request takes one from the front. A family is never in two places at once, so no token is ever
-- presented twice (no reuse, no revocation) however wrk interleaves the thread's connections.
-- When the queue is empty (first request of a connection, or a token lost to a timeout) the
-- request is a sign-on instead, which starts a new family.
local M = {}

function M.new()
  return { first = 1, last = 0, items = {} }
end

function M.push(q, v)
  q.last = q.last + 1
  q.items[q.last] = v
end

function M.pop(q)
  if q.first > q.last then return nil end
  local v = q.items[q.first]
  q.items[q.first] = nil
  q.first = q.first + 1
  return v
end

return M
