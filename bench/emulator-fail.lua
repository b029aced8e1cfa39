-- wrk script: POST a JSON fail body with the bearer token to the emulator's v3 fail API (keep-alive).
-- Usage: wrk -t1 -c32 -d10s -s bench/emulator-fail.lua http://127.0.0.1:PORT
wrk.method = "POST"
wrk.path = "/api/1000/backchannel/authentication/fail"
wrk.headers["Authorization"] = "Bearer emulator-token"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"ticket":"bench-ticket","reason":"ACCESS_DENIED","errorDescription":"The end-user denied the request."}'

local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end
