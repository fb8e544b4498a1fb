-- wrk script of bench/wrk.ts: sends each request of a prepared file once, records every response, stops.
--   wrk -t T -c N -d <limit> -s bench/wrk-requests.lua <origin> -- requests=<file> out=<dir> threads=T [live=<file>]
-- The requests file has one request a line, tab-separated: method, path, body, then one "name: value"
-- field per header (bench/wrk.ts writes it, with `x-request-id: <line index>`, which the API echoes).
-- Thread k of T takes lines k, k+T, k+2T…, sends each once, and writes one line per response to
-- <dir>/responses-<k>.tsv: request index, status, sent and received (µs on CLOCK_MONOTONIC), body. When
-- every request of its slice is answered it closes the file, says so on stderr and stops. A connection
-- that asks for a request after the slice is used up gets none: request() returns "", which wrk writes
-- as zero bytes, and the connection waits idle until the thread stops. So nothing is sent twice and
-- nothing beyond the set is sent at all.
-- With live=<file>, the text `{{live}}` in bodies is replaced by that file's content, read again every
-- second (a QR code the organizer's screen refreshes during the run).
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } yiqi_timespec;
int clock_gettime(int clock, yiqi_timespec *t);
int gettid(void);
int getpid(void);
]]

local ts = ffi.new("yiqi_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

-- Setup runs in wrk's main Lua state, once per thread, before that thread's init().
local started = 0
function setup(thread)
  thread:set("id", started)
  started = started + 1
end

-- Per thread: its slice (global index, head of the request, body before and after `{{live}}`).
local index, head, pre, post, whole = {}, {}, {}, {}, {}
local sent_at = {}
local total, next_k, answered = 0, 1, 0
local out, live_file, live_value, live_read = nil, nil, "", -1e12
local in_thread = false

local function live()
  local t = now_us()
  if t - live_read >= 1e6 then
    local f = io.open(live_file, "r")
    if f then
      live_value = f:read("*a")
      f:close()
    end
    live_read = t
  end
  return live_value
end

local function build(k, body)
  return head[k] .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

local function compose(k)
  return whole[k] or build(k, pre[k] .. live() .. post[k])
end

function init(args)
  local opt = {}
  for _, a in pairs(args) do
    local key, value = tostring(a):match("^(%a+)=(.*)$")
    if key then opt[key] = value end
  end
  local threads = tonumber(opt.threads)
  live_file = opt.live
  local host = wrk.host .. (wrk.port and (":" .. wrk.port) or "")
  local i, k = 0, 0
  for line in io.lines(opt.requests) do
    if i % threads == id then
      k = k + 1
      local method, path, body, headers = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)$")
      index[k] = i
      head[k] = method .. " " .. path .. " HTTP/1.1\r\nHost: " .. host .. "\r\n" ..
          (headers ~= "" and (headers:gsub("\t", "\r\n") .. "\r\n") or "")
      local at = live_file and body:find("{{live}}", 1, true)
      if at then
        pre[k], post[k] = body:sub(1, at - 1), body:sub(at + 8)
      else
        whole[k] = build(k, body)
      end
    end
    i = i + 1
  end
  total = k
  out = assert(io.open(opt.out .. "/responses-" .. id .. ".tsv", "w"))
  out:setvbuf("full", 65536)
end

function request()
  if not in_thread then
    -- wrk parses the first thread's first request on its main thread to check it: not sent, so not used up.
    if ffi.C.gettid() == ffi.C.getpid() then return compose(1) end
    in_thread = true
  end
  local k = next_k
  if k > total then return "" end
  next_k = k + 1
  sent_at[index[k]] = now_us()
  return compose(k)
end

function response(status, headers, body)
  local t = now_us()
  local i = tonumber(headers["x-request-id"])
  if body:find("\n", 1, true) then body = body:gsub("\n", "\\n") end
  out:write(i or -1, "\t", status, "\t", string.format("%.0f\t%.0f", i and sent_at[i] or -1, t), "\t", body, "\n")
  answered = answered + 1
  if answered == total then
    out:close()
    io.stderr:write("wrk-requests: thread done\n")
    wrk.thread:stop()
  end
end

-- In the main state again: wrk's own figures, for bench/wrk.ts to print beside its own.
function done(summary, latency)
  local e = summary.errors
  io.write(string.format(
    'wrk-requests-summary {"requests":%d,"connect":%d,"read":%d,"write":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, e.connect, e.read, e.write, latency:percentile(50), latency:percentile(99)))
end
