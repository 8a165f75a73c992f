-- wrk: a mixed load for one user, in a fixed cycle of ten requests: five GET /api/v1/me, four task lists and one
-- task creation (the token and user id come from the environment). Every answer must be 2xx: wrk counts the rest.
local token = os.getenv("TOKEN")
local user = os.getenv("USER_ID")
local n = 0
local auth = { ["Authorization"] = "Bearer " .. token }
local create = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

request = function()
  n = n + 1
  local slot = n % 10
  if slot == 0 then
    return wrk.format("POST", "/api/" .. user .. "/tasks", create, '{"title":"mix task","description":"created by wrk"}')
  elseif slot % 2 == 1 then
    return wrk.format("GET", "/api/v1/me", auth)
  else
    return wrk.format("GET", "/api/" .. user .. "/tasks?size=20", auth)
  end
end
