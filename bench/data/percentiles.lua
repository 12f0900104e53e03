-- wrk reporter: latency percentiles p50/p95/p99 in milliseconds, requests per second and
-- answers with an error status (which would mean the measurement is wrong)

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  %.0f req/s  %d requests  %d errors\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, summary.errors.status))
end
