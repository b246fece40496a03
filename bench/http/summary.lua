-- wrk script for bench/http/run: prints the figures of a run as one line of
-- key=value pairs. wrk's own summary rounds and switches units (us, ms, s,
-- k) from one run to the next, which is awkward to parse; these are raw
-- counts and microseconds.
--
-- Only done() is defined, so wrk keeps its fast path: no Lua runs per request.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%.0f p99_us=%.0f " ..
    "connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
