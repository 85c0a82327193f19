-- wrk script: every request is a POST /ops with one create-ticket op, its own op_id and ticket id.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
    thread_id = thread_id + 1
    thread:set("tid", thread_id)
    table.insert(threads, thread)
end

function init(args)
    math.randomseed(os.time() * 1000 + (tid or 0))
    token = os.getenv("TOKEN")
    customer = os.getenv("CUSTOMER") or "c-yunfan"
end

local function uuid()
    return string.format("%08x-%04x-4%03x-a%03x-%04x%08x",
        math.random(0, 0x7fffffff), math.random(0, 0xffff), math.random(0, 0xfff),
        math.random(0, 0xfff), (tid or 0) % 0xffff, counter)
end

function request()
    counter = counter + 1
    local body = string.format(
        '{"ops":[{"op_id":"%s","type":"create-ticket","ticket_id":"%s","base_version":0,' ..
        '"payload":{"customer_id":"%s","subject":"CVM 实例 CPU 使用率持续 100%%",' ..
        '"body":"bench","channel":"ticket","severity":"business-degraded"}}]}',
        uuid(), uuid(), customer)
    return wrk.format("POST", "/api/v1/ops",
        {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
    if status ~= 200 or not string.find(body, '"result":"applied"', 1, true) then
        io.stderr:write("unexpected answer: " .. status .. " " .. string.sub(body, 1, 200) .. "\n")
    end
end
