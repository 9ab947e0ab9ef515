-- wrk script for bench/booking-search.sh: every request is a doctor search picked at random from the file named by
-- the environment variable BENCH_QUERIES (one path with its query string per line, made by booking-search.sh;
-- pgbench runs the SQL the service ran for exactly these lines).
local paths = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  local file = assert(io.open(os.getenv("BENCH_QUERIES"), "r"))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  -- each thread its own sequence
  math.randomseed(os.time() * 1000 + id * 7919)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], { ["Accept-Language"] = "ru" })
end

function done(summary, latency, requests)
  -- machine-readable figures for the report (microseconds)
  io.write(string.format("BENCH requests=%d seconds=%.3f p50=%d p90=%d p99=%d max=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
