-- GCRA (generic cell rate algorithm) over several limits at once, all or nothing: a
-- request passes only if every limit lets it, and only then does it count against each.
-- A limit of N requests per period P lets a burst of N through and refills one request
-- every P/N. Its state is one number, the theoretical arrival time (TAT) in microseconds,
-- kept until the limit is full again; time is Redis' own, so every node agrees on it.
-- A node may take several requests at once (a lease it then spends in memory): it gets as
-- many as every limit can give right now, at least one, or none.
--
-- KEYS[i]            state of limit i
-- ARGV[2i-1], ARGV[2i]  requests per period, period in microseconds
-- ARGV[2n+1]         how many requests to take (optional, default 1)
-- returns { allowed (1 or 0), index of the tightest limit (1-based), its requests,
--           requests left, microseconds until it is full again, microseconds until the
--           next request may pass (0 when allowed), requests taken }
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local wanted = tonumber(ARGV[2 * #KEYS + 1]) or 1
local tats, intervals, periods = {}, {}, {}
local granted = wanted
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local period = tonumber(ARGV[2 * i])
  local interval = period / limit
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then
    tat = now
  end
  tats[i], intervals[i], periods[i] = tat, interval, period
  local fits = math.floor((now + period - tat) / interval + 1e-9)
  if fits < granted then
    granted = fits
  end
end
if granted < 0 then
  granted = 0
end
-- the limit the client should watch: one that refuses, else the one with fewest left
local tightest, tightest_denied, tightest_remaining, tightest_reset = 1, false, -1, 0
local retry_after = 0
local arrivals = {}
for i, key in ipairs(KEYS) do
  local tat, interval, period = tats[i], intervals[i], periods[i]
  local arrival = tat + math.max(granted, 1) * interval
  local remaining, reset
  local denied = granted == 0 and arrival - period > now
  if denied then
    remaining = 0
    reset = tat - now
    retry_after = math.max(retry_after, arrival - period - now)
  else
    remaining = math.floor((period - (arrival - now)) / interval + 1e-9)
    reset = arrival - now
  end
  arrivals[i] = arrival
  if tightest_remaining < 0 or (denied and not tightest_denied)
      or (denied == tightest_denied and (remaining < tightest_remaining
        or (remaining == tightest_remaining and reset > tightest_reset))) then
    tightest, tightest_denied, tightest_remaining, tightest_reset = i, denied, remaining, reset
  end
end
if granted > 0 then
  for i, key in ipairs(KEYS) do
    redis.call('SET', key, string.format('%.0f', arrivals[i]), 'PX', math.ceil((arrivals[i] - now) / 1000) + 1)
  end
end
return { granted > 0 and 1 or 0, tightest, tonumber(ARGV[2 * tightest - 1]), tightest_remaining,
  math.ceil(tightest_reset), math.ceil(retry_after), granted }
