-- wrk script: client-credentials token requests of one machine client
-- CLIENT_ID and CLIENT_SECRET come from the environment (set by run.sh)
local id = os.getenv("CLIENT_ID")
local secret = os.getenv("CLIENT_SECRET")
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&client_id=" .. id .. "&client_secret=" .. secret
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

done = function(summary, latency, requests)
  io.write(string.format("non-200 responses: %d of %d\n", summary.errors.status, summary.requests))
end
