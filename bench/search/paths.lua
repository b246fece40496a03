-- wrk script for bench/search/throughput: each request is the next search of
-- the list in $BENCH_PATHS (one path per line, drawn from the database), so
-- that no cache answers the same search twice in a row; done() prints the
-- raw figures as bench/http/summary.lua does.
local paths = {}
local next_path = 1

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    paths[#paths + 1] = line
  end
  -- Each wrk thread starts at another place in the list.
  next_path = 1 + (math.floor(os.clock() * 1e6) % #paths)
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%.0f p99_us=%.0f " ..
    "connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
