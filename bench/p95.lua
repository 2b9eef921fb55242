-- wrk script for bench/web.py. wrk's own --latency report stops short of p95, and it only counts
-- 4xx/5xx as errors, so this counts every non-2xx answer (a redirect to the login page would
-- otherwise look like a fast success) and prints one machine-readable line when wrk finishes.
-- Each wrk thread runs its own Lua state: setup() keeps a handle on every thread so done() can
-- add up their counters.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local errors = summary.errors
  io.write(string.format(
    "KINDLING_BENCH {\"requests\": %d, \"duration_us\": %d, \"p50_us\": %d, \"p95_us\": %d, "
      .. "\"p99_us\": %d, \"max_us\": %d, \"non2xx\": %d, \"connect_errors\": %d, "
      .. "\"read_errors\": %d, \"write_errors\": %d, \"timeouts\": %d}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, bad, errors.connect, errors.read, errors.write,
    errors.timeout
  ))
end
