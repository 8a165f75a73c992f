-- wrk: GET /api/v1/me, each request with the next of many distinct tokens (TOKENS_FILE, one per line).
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local i = 0
function setup(thread)
  thread:set("offset", math.random(#tokens))
end
function request()
  i = i + 1
  return wrk.format("GET", "/api/v1/me", { ["Authorization"] = "Bearer " .. tokens[((offset + i) % #tokens) + 1] })
end
