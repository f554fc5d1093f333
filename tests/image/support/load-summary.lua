-- wrk script for the load test: counts answers that are not 2xx in every thread and ends the run
-- with one JSON line that the test parses. wrk's own status error count only covers 4xx and 5xx.
-- Lua API: https://github.com/wg/wrk/blob/master/SCRIPTING

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non_2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  end
end

function done(summary, latency, requests)
  local non_2xx_total = 0
  for _, thread in ipairs(threads) do
    non_2xx_total = non_2xx_total + thread:get("non_2xx")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_SUMMARY {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,' ..
    '"writeErrors":%d,"timeoutErrors":%d,"statusErrors":%d,"non2xx":%d,"latencyP99Us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout,
    e.status, non_2xx_total, latency:percentile(99)))
end
