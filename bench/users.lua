-- wrk: the request of the environment's MODE (list or create) for each of the users in USERS ("sub token" lines, in
-- a file), round robin, so that the load is many accounts, as in production, not one account's bucket.
local users = {}
for line in io.lines(os.getenv("USERS")) do
  local sub, token = line:match("^(%S+) (%S+)$")
  if sub then users[#users + 1] = { path = "/api/" .. sub .. "/tasks", auth = "Bearer " .. token } end
end
local create = os.getenv("MODE") == "create"
local query = os.getenv("QUERY") or ""
local n = 0
request = function()
  n = n % #users + 1
  local u = users[n]
  if create then
    return wrk.format("POST", u.path, { ["Authorization"] = u.auth, ["Content-Type"] = "application/json" },
      '{"title":"bench task","description":"created by wrk"}')
  end
  return wrk.format("GET", u.path .. query, { ["Authorization"] = u.auth })
end
