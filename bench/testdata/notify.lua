-- Sends each notification of a file once from wrk, one thread and its
-- connections (BenchmarkLoadNotifications). Arguments (after --): the
-- file and the client id. The file has one notification a line:
-- request-time, signature and body, tab-separated. It prints "start"
-- as it sends the first, and "done <sent> <acknowledged> <answered
-- otherwise>" once every one has been answered, then stops its thread.
-- wrk itself runs until -d: sendNotifications ends it at "done".

function init(args)
  local path, clientID = args[1], args[2]
  reqs = {}
  for line in io.lines(path) do
    local t, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    reqs[#reqs + 1] = wrk.format("POST", "/antom/notify", {
      ["Content-Type"] = "application/json; charset=UTF-8",
      ["client-id"] = clientID, ["request-time"] = t, ["signature"] = sig,
    }, body)
  end
  -- reserved: notifications a connection has been let send (delay);
  -- cursor: the next one to send; primed: wrk's check has asked.
  reserved, cursor, acked, failed, primed, started, finished = 0, 1, 0, 0, false, false, false
  filler = wrk.format("GET", "/static/img/logo.svg")
end

local function say(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

-- How long (ms) a connection waits before its next request. wrk asks
-- before each request a connection sends: each of the file's
-- notifications is let go once, then every connection waits (its thread
-- stops before the hour is up). Reserving here, not in request(): wrk may
-- ask several connections before it asks any of them for its request.
function delay()
  if reserved < #reqs then
    reserved = reserved + 1
    return 0
  end
  return 3600000
end

function request()
  -- wrk asks for a request once before sending anything (to check the
  -- script): that one is not sent.
  if not primed then
    primed = true
    return reqs[1] or filler
  end
  if not started then
    started = true
    say("start")
  end
  local r = reqs[cursor]
  if r == nil then
    -- Only for a connection wrk opened again after a socket error
    -- (which asks without delay): a request that changes nothing.
    return filler
  end
  cursor = cursor + 1
  return r
end

function response(status, headers, body)
  if finished then return end
  if body:find('"resultStatus":"S"', 1, true) then
    acked = acked + 1
  else
    failed = failed + 1
    say("answered " .. status .. " " .. body:sub(1, 120))
  end
  if acked + failed >= #reqs then
    finished = true
    say(string.format("done %d %d %d", cursor - 1, acked, failed))
    wrk.thread:stop()
  end
end
