-- wrk script of benchmarks/http.sh: GET with "Authorization: Bearer <token>".
--
--   wrk -t <threads> ... -s tokens.lua <url> -- <token file> <threads> <result file> [<first row>]
--
-- A file with one token sends it on every request (a static request, no Lua per request).
-- With many tokens, thread k sends tokens k, k + threads, k + 2 * threads, ... (one "row" of
-- the file per request and thread), starting at <first row>, so no token is sent twice in a
-- run, nor across runs that pass the previous result's next_row. A thread that reaches the
-- end of the file starts again from the top; those requests are counted as reused_tokens.
-- done() writes one JSON line to <result file>.

local threads = {}
local next_id = 0

function setup(thread)
	thread:set("id", next_id)
	next_id = next_id + 1
	table.insert(threads, thread)
end

function init(args)
	local count = tonumber(args[2])
	result_file = args[3]
	first_row = tonumber(args[4] or "0")
	sent = 0
	reused = 0
	local mine = {}
	local first = nil
	local total = 0
	for line in io.lines(args[1]) do
		if #line > 0 then
			first = first or line
			if total % count == id then
				mine[#mine + 1] = "Bearer " .. line
			end
			total = total + 1
		end
	end
	if total == 0 then
		error("no token in " .. args[1])
	end
	if total == 1 then
		wrk.headers["Authorization"] = "Bearer " .. first
		return
	end
	rows = #mine
	local row = first_row
	request = function()
		if row >= rows then
			reused = reused + 1
		end
		local header = mine[(row % rows) + 1]
		row = row + 1
		sent = sent + 1
		return wrk.format("GET", nil, { ["Authorization"] = header })
	end
end

function done(summary, latency, requests)
	local result_file = nil
	local reused = 0
	local next_row = 0
	for _, thread in ipairs(threads) do
		result_file = thread:get("result_file")
		reused = reused + thread:get("reused")
		next_row = math.max(next_row, thread:get("first_row") + thread:get("sent"))
	end
	local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write
		+ summary.errors.timeout
	local file = io.open(result_file, "w")
	file:write(string.format(
		'{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "non_2xx": %d, ' ..
		'"socket_errors": %d, "reused_tokens": %d, "next_row": %d}\n',
		summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
		summary.errors.status, socket_errors, reused, next_row))
	file:close()
end
