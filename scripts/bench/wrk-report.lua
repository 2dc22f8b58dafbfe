-- wrk's report for `npm run bench` (scripts/bench/wrk.ts): one JSON line after a marker, printed
-- by the main Lua state when the run is done. Latencies are microseconds; `errors` adds connect,
-- read, write and timeout errors to answers with a status of 400 and above (each row's URL is
-- checked for a 200 before it is loaded, so a redirect does not pass unnoticed).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WIKI_BENCH_WRK {"requests":%d,"durationUs":%d,"errors":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
