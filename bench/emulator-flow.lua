-- wrk script: full CIBA flows against the emulator, each one /backchannel/authentication (the default poll
-- client, or with FLOW_MODE=push the push client), /issue with the ticket it returned, /complete AUTHORIZED.
-- Each thread drives one keep-alive connection (run with -t N -c N), so a thread's responses come in the order of
-- its requests and it can carry the ticket from one call to the next.
-- Usage: FLOW_MODE=poll wrk -t2 -c2 -d10s -s bench/emulator-flow.lua http://127.0.0.1:PORT
local base = "/api/1000/backchannel/authentication"
local headers = { ["Authorization"] = "Bearer emulator-token", ["Content-Type"] = "application/json",
                  ["Accept"] = "application/json" }
local push = os.getenv("FLOW_MODE") == "push"
local authBody
local expectComplete
if push then
  authBody = '{"parameters":"scope=openid&login_hint=john&client_id=push-client&client_secret=push-secret'
    .. '&client_notification_token=bench-token"}'
  expectComplete = '"action":"NOTIFICATION"'
else
  authBody = '{"parameters":"scope=openid+email&login_hint=john","clientId":"poll-client","clientSecret":"poll-secret"}'
  expectComplete = '"action":"NO_ACTION"'
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

step = "authentication"
ticket = nil
flows = 0
bad = 0

request = function()
  if step == "issue" then
    return wrk.format("POST", base .. "/issue", headers, '{"ticket":"' .. ticket .. '"}')
  elseif step == "complete" then
    return wrk.format("POST", base .. "/complete", headers,
                      '{"ticket":"' .. ticket .. '","result":"AUTHORIZED","subject":"john"}')
  end
  return wrk.format("POST", base, headers, authBody)
end

response = function(status, _, body)
  if step == "authentication" then
    ticket = status == 200 and body:match('"ticket":"([^"]+)"') or nil
    if ticket then step = "issue" else bad = bad + 1 end
  elseif step == "issue" then
    if status == 200 and body:find('"action":"OK"', 1, true) then step = "complete"
    else bad = bad + 1; step = "authentication" end
  else
    if status == 200 and body:find(expectComplete, 1, true) then flows = flows + 1 else bad = bad + 1 end
    step = "authentication"
  end
end

done = function(summary)
  local total, failed = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("flows")
    failed = failed + thread:get("bad")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("full flows: %d in %.1f s = %.0f flows/s (%.0f calls/s); unexpected answers: %d\n",
                         total, seconds, total / seconds, summary.requests / seconds, failed))
end
