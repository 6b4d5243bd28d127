-- wrk script: POSTs JSON bodies read from a file, one per line (cycled), e.g.
--   wrk -t2 -c16 -d20s --latency -s post.lua http://127.0.0.1:18084/v1/decisions -- target/bench/single.jsonl
local bodies = {}
local n = 0
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      n = n + 1
      bodies[n] = line
    end
  end
  i = math.random(n) - 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  i = i % n + 1
  return wrk.format(nil, nil, nil, bodies[i])
end

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if non200 <= 3 then
      io.stderr:write("HTTP " .. status .. ": " .. body .. "\n")
    end
  end
end
