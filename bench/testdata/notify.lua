-- Sends each notification of a file once, from wrk's threads
-- (BenchmarkLoadNotifications). Arguments (after --): the file, the
-- client id, and how many threads (-t). The file has one notification a
-- line: request-time, signature and body, tab-separated. Thread i of n
-- sends lines i, i+n, i+2n, …. Each thread prints "start" when it sends
-- its first and "done <sent> <acknowledged> <answered otherwise>" when
-- every one it sent has been answered, then stops; a connection with
-- nothing left to send meanwhile waits (delay). wrk itself runs until
-- -d: sendNotifications ends it once every thread is done.

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local path, clientID, n = args[1], args[2], tonumber(args[3])
  reqs, cursor, acked, failed, primed, started, finished = {}, 1, 0, 0, false, false, false
  local i = 0
  for line in io.lines(path) do
    if i % n == index then
      local t, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      reqs[#reqs + 1] = wrk.format("POST", "/antom/notify", {
        ["Content-Type"] = "application/json; charset=UTF-8",
        ["client-id"] = clientID, ["request-time"] = t, ["signature"] = sig,
      }, body)
    end
    i = i + 1
  end
  filler = wrk.format("GET", "/static/img/logo.svg")
end

local function say(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

function request()
  -- wrk asks thread 0 for a request once before sending anything (to
  -- check the script): that one is not sent.
  if index == 0 and not primed then
    primed = true
    return reqs[1] or filler
  end
  if not started then
    started = true
    say("start")
  end
  local r = reqs[cursor]
  if r == nil then
    -- Only if the app left a notification unanswered for a minute
    -- (delay): a request that changes nothing.
    return filler
  end
  cursor = cursor + 1
  return r
end

-- How long (ms) a connection waits before its next request: a minute once
-- its thread has nothing left to send (the thread stops before).
function delay()
  if cursor > #reqs then return 60000 end
  return 0
end

function response(status, headers, body)
  if finished then return end
  if body:find('"resultStatus":"S"', 1, true) then
    acked = acked + 1
  elseif status ~= 200 or body:find("resultStatus", 1, true) then
    failed = failed + 1
    say("answered " .. status .. " " .. body:sub(1, 120))
  end
  if acked + failed >= #reqs then
    finished = true
    say(string.format("done %d %d %d", #reqs, acked, failed))
    wrk.thread:stop()
  end
end
