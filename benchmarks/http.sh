#!/usr/bin/env bash
# HTTP benchmark: the same GET /hello application built several ways, loaded with wrk over
# loopback for two cases: one repeated valid token, and a stream of distinct valid tokens
# (none sent twice to the same application). Prints requests/s, p99 latency, CPU time per
# request and the ratios to the matching application without authentication.
#
#   benchmarks/http.sh                         # every application below
#   APPS="starter starter-actuator" benchmarks/http.sh   # a subset (baselines are added)
#
# Applications (benchmarks/apps/<jar>; "+" marks a variant run from the same jar with
# extra arguments), each compared with the baseline in brackets:
#   no-auth                      no Spring Security
#   spring-boot                  stock Spring Boot resource server          [no-auth]
#   starter                      this starter                               [no-auth]
#   starter-accp                 this starter, Amazon Corretto Crypto Provider on the
#                                class path (jwt.crypto.provider: auto)     [no-auth]
#   no-auth-actuator             the three first ones with spring-boot-starter-actuator,
#   spring-boot-actuator         default observation settings               [no-auth-actuator]
#   starter-actuator                                                        [no-auth-actuator]
#   starter-actuator+no-filter-observations   starter-actuator with
#                                management.observations.enable.spring.security.filterchains=false
#                                                                           [no-auth-actuator]
#   starter-actuator+requests-unobserved      starter-actuator with a SecurityObservationSettings
#                                bean that does not observe requests (the filter chain)
#                                                                           [no-auth-actuator]
#   starter-actuator+events-off               starter-actuator with jwt.events.enabled=false
#                                (no authentication events: what they cost) [no-auth-actuator]
#
# The applications run side by side on ports PORT, PORT+1, ... (idle while the others are
# measured). Each is warmed up with both cases in turn until its JIT compiler threads are
# nearly idle (under 5 % of a core over a pair of WARMUP_STEP runs, after at least
# WARMUP_MIN and at most WARMUP_MAX seconds). Then ROUNDS rounds measure every application
# and case for DURATION, in a rotating order, so that a change of machine load hits all
# alike. Figures are totals over the rounds; ratios also show their range over the rounds.
# CPU per request counts the application's request threads (Tomcat, and the common pool the
# token cache uses), read from /proc; it is steadier than requests/s when other processes
# compete for the CPU. Linux only (/proc).
#
# Settings (environment): APPS (all), ROUNDS (3), DURATION (5 s per round: 15 s per case in
# all), WARMUP_MIN (20), WARMUP_MAX (120), WARMUP_STEP (5) in seconds, THREADS (2),
# CONNECTIONS (32), TOKENS (300000 distinct tokens), WARMUP_TOKENS (40000), PORT (18080),
# JAVA_OPTS (-Xms512m -Xmx512m, every app), STARTER_JAVA_OPTS (the starter apps only, e.g. JFR),
# OUT (benchmarks/target/http: keys, tokens, logs and results).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-5}"
WARMUP_MIN="${WARMUP_MIN:-20}"
WARMUP_MAX="${WARMUP_MAX:-120}"
WARMUP_STEP="${WARMUP_STEP:-5}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
TOKENS="${TOKENS:-300000}"
WARMUP_TOKENS="${WARMUP_TOKENS:-40000}"
PORT="${PORT:-18080}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
STARTER_JAVA_OPTS="${STARTER_JAVA_OPTS:-}"
OUT="${OUT:-$ROOT/benchmarks/target/http}"
KEYS="$OUT/keys"
RESULTS="$OUT/results"
LUA="$ROOT/benchmarks/wrk/tokens.lua"
# name -> "<jar> <baseline> [<extra arguments>...]"
declare -A APP=(
	[no-auth]="no-auth -"
	[spring-boot]="spring-boot no-auth"
	[starter]="starter no-auth"
	[starter-accp]="starter-accp no-auth --logging.level.io.github.jwtstarter.jwt.VerificationCrypto=debug"
	[no-auth-actuator]="no-auth-actuator -"
	[spring-boot-actuator]="spring-boot-actuator no-auth-actuator"
	[starter-actuator]="starter-actuator no-auth-actuator"
	[starter-actuator+no-filter-observations]="starter-actuator no-auth-actuator --management.observations.enable.spring.security.filterchains=false"
	[starter-actuator+requests-unobserved]="starter-actuator no-auth-actuator --bench.observe-security-requests=false"
	[starter-actuator+events-off]="starter-actuator no-auth-actuator --jwt.events.enabled=false"
)
ALL_APPS=(no-auth spring-boot starter starter-accp no-auth-actuator spring-boot-actuator starter-actuator
	starter-actuator+no-filter-observations starter-actuator+requests-unobserved starter-actuator+events-off)
read -r -a APPS <<<"${APPS:-${ALL_APPS[*]}}"
for app in "${APPS[@]}"; do
	[ -n "${APP[$app]:-}" ] || { echo "http.sh: unknown application $app; use ${ALL_APPS[*]}" >&2; exit 1; }
	baseline="$(cut -d' ' -f2 <<<"${APP[$app]}")"
	if [ "$baseline" != - ] && [[ " ${APPS[*]} " != *" $baseline "* ]]; then
		APPS=("$baseline" "${APPS[@]}")
	fi
done
jar_of() { cut -d' ' -f1 <<<"${APP[$1]}"; }
CLK_TCK="$(getconf CLK_TCK)"

for tool in java wrk curl python3; do
	command -v "$tool" >/dev/null || { echo "http.sh: $tool is required (wrk: apt-get install wrk)" >&2; exit 1; }
done

declare -A PID PORT_OF NEXT_ROW
stop_apps() {
	for app in "${!PID[@]}"; do
		kill "${PID[$app]}" 2>/dev/null || true
		wait "${PID[$app]}" 2>/dev/null || true
		unset "PID[$app]"
	done
}
trap stop_apps EXIT
trap 'exit 130' INT TERM

echo "== Building the token generator and the applications"
MODULES=benchmarks
for app in "${APPS[@]}"; do
	[[ ",$MODULES," == *",benchmarks/apps/$(jar_of "$app"),"* ]] || MODULES="$MODULES,benchmarks/apps/$(jar_of "$app")"
done
./mvnw -B -q -o package -DskipTests -pl "$MODULES" -am \
	|| ./mvnw -B -q package -DskipTests -pl "$MODULES" -am

# Tokens are valid for 7 days; reuse them for 6 days when the counts are unchanged.
STAMP="$KEYS/tokens-$TOKENS-$WARMUP_TOKENS"
if [ ! -f "$STAMP" ] || [ -n "$(find "$STAMP" -mmin +8640)" ]; then
	echo "== Generating a key and $TOKENS + $WARMUP_TOKENS distinct RS256 tokens into $KEYS (once; minutes)"
	rm -rf "$KEYS"
	java -cp benchmarks/target/benchmarks.jar io.github.jwtstarter.benchmarks.HttpBenchmarkTokens \
		"$KEYS" "$TOKENS" "$WARMUP_TOKENS"
	touch "$STAMP"
fi
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

status() {
	local port="$1"
	shift
	curl -s -o /dev/null -w '%{http_code}' "$@" "http://127.0.0.1:$port/hello" || true
}

start_app() {
	local app="$1" port="$2" opts="$JAVA_OPTS" jar args
	jar="$(jar_of "$app")"
	read -r -a args <<<"$(cut -s -d' ' -f3- <<<"${APP[$app]}")"
	[[ "$app" == starter* ]] && opts="$opts $STARTER_JAVA_OPTS"
	if [ "$(status "$port")" != 000 ]; then
		echo "http.sh: port $port is already in use" >&2
		exit 1
	fi
	# shellcheck disable=SC2086
	java $opts -jar "benchmarks/apps/$jar/target/benchmark-app-$jar.jar" \
		--server.address=127.0.0.1 --server.port="$port" --bench.keys="$KEYS" "${args[@]}" >"$OUT/$app.log" 2>&1 &
	PID[$app]=$!
	PORT_OF[$app]=$port
	NEXT_ROW[$app]=0
	for _ in $(seq 240); do
		if [ "$(status "$port")" != 000 ]; then
			check_app "$app"
			return
		fi
		kill -0 "${PID[$app]}" 2>/dev/null || break
		sleep 0.5
	done
	echo "http.sh: $app did not start; see $OUT/$app.log" >&2
	exit 1
}

check_app() {
	local app="$1" expected_without=401 with without
	[[ "$app" == no-auth* ]] && expected_without=200
	with="$(status "${PORT_OF[$app]}" -H "Authorization: Bearer $(cat "$KEYS/token.txt")")"
	without="$(status "${PORT_OF[$app]}")"
	if [ "$with" != 200 ] || [ "$without" != "$expected_without" ]; then
		echo "http.sh: $app answered $with with a token and $without without one" >&2
		exit 1
	fi
	if [ "$app" = starter-accp ] && ! grep -q "checked by AmazonCorrettoCryptoProvider" "$OUT/$app.log"; then
		echo "http.sh: $app does not check signatures with ACCP; see $OUT/$app.log" >&2
		exit 1
	fi
}

# CPU clock ticks of an application's threads: "<request threads> <GC> <JIT> <other>"
ticks() {
	python3 - "${PID[$1]}" <<'PY'
import os, sys
pid, total = sys.argv[1], {"request": 0, "gc": 0, "jit": 0, "other": 0}
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
        stat = open(f"/proc/{pid}/task/{tid}/stat").read()
    except OSError:
        continue
    fields = stat[stat.rindex(")") + 2:].split()
    if name.startswith(("http-nio", "ForkJoinPool")):
        kind = "request"
    elif "Compiler" in name:
        kind = "jit"
    elif name.startswith(("GC ", "G1 ")):
        kind = "gc"
    else:
        kind = "other"
    total[kind] += int(fields[11]) + int(fields[12])
print(total["request"], total["gc"], total["jit"], total["other"])
PY
}

# load <app> <token file> <seconds> <result file> [<first row>]: one wrk run; the app's CPU
# ticks during the run go to <result file>.ticks
load() {
	local before after
	before="$(ticks "$1")"
	wrk -t "$THREADS" -c "$CONNECTIONS" -d "${3}s" --latency -s "$LUA" "http://127.0.0.1:${PORT_OF[$1]}/hello" \
		-- "$2" "$THREADS" "$4" "${5:-0}" >/dev/null
	after="$(ticks "$1")"
	echo "$before $after" >"$4.ticks"
}

next_row() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["next_row"])' "$1"
}

jit_ticks() {
	awk '{print $7 - $3}' "$1.ticks"
}

# warm_up <app>: alternate wrk runs of both cases until the JIT compiler threads are nearly
# idle over a pair of runs. The warm-up tokens outnumber the token cache (10,000), so the
# starter keeps verifying signatures in the distinct case and that path gets compiled too.
warm_up() {
	local app="$1" elapsed=0 row=0 jit
	while :; do
		load "$app" "$KEYS/token.txt" "$WARMUP_STEP" "$RESULTS/warmup-$app-repeated.json"
		load "$app" "$KEYS/warmup-tokens.txt" "$WARMUP_STEP" "$RESULTS/warmup-$app-distinct.json" "$row"
		row="$(next_row "$RESULTS/warmup-$app-distinct.json")"
		elapsed=$((elapsed + 2 * WARMUP_STEP))
		jit=$(($(jit_ticks "$RESULTS/warmup-$app-repeated.json") + $(jit_ticks "$RESULTS/warmup-$app-distinct.json")))
		if [ "$elapsed" -ge "$WARMUP_MIN" ] && [ $((jit * 100)) -le $((2 * WARMUP_STEP * CLK_TCK * 5)) ]; then
			echo "== $app: warmed up in ${elapsed}s"
			return
		fi
		if [ "$elapsed" -ge "$WARMUP_MAX" ]; then
			echo "== $app: JIT still busy after ${elapsed}s of warm-up (measuring anyway)"
			return
		fi
	done
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "== wrk: $THREADS threads, $CONNECTIONS connections; warm-up, then $ROUNDS rounds of ${DURATION}s per app and case"
i=0
for app in "${APPS[@]}"; do
	echo "== $app: start on port $((PORT + i))"
	start_app "$app" $((PORT + i))
	i=$((i + 1))
done
for app in "${APPS[@]}"; do
	echo "== $app: warm-up (load $(cut -d' ' -f1-3 /proc/loadavg))"
	warm_up "$app"
done
for round in $(seq "$ROUNDS"); do
	echo "== round $round of $ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg))"
	for step in $(seq 0 $((${#APPS[@]} - 1))); do
		app="${APPS[$(((round + step) % ${#APPS[@]}))]}"
		load "$app" "$KEYS/token.txt" "$DURATION" "$RESULTS/$round-$app-repeated.json"
		load "$app" "$KEYS/tokens.txt" "$DURATION" "$RESULTS/$round-$app-distinct.json" "${NEXT_ROW[$app]}"
		NEXT_ROW[$app]="$(next_row "$RESULTS/$round-$app-distinct.json")"
	done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== done (load $LOAD_AFTER)"
stop_apps
echo

APP_SPECS="$(for app in "${APPS[@]}"; do echo "$app $(cut -d' ' -f2 <<<"${APP[$app]}")"; done)"
python3 - "$RESULTS" "$ROUNDS" "$CLK_TCK" "$APP_SPECS" <<'PY'
import json, os, statistics, sys

results, rounds, clk_tck = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
baseline_of = dict(line.split() for line in sys.argv[4].splitlines())
labels = {"no-auth": "no authentication", "spring-boot": "stock Spring Boot", "starter": "this starter",
          "starter-accp": "this starter, ACCP", "no-auth-actuator": "no authentication, Actuator",
          "spring-boot-actuator": "stock Spring Boot, Actuator", "starter-actuator": "this starter, Actuator",
          "starter-actuator+no-filter-observations": "this starter, Actuator, filterchains observations off",
          "starter-actuator+requests-unobserved": "this starter, Actuator, SecurityObservationSettings: requests off",
          "starter-actuator+events-off": "this starter, Actuator, jwt.events.enabled=false"}
apps = [(a, labels.get(a, a)) for a in baseline_of]
cases = [("repeated", "repeated token"), ("distinct", "distinct tokens")]
def run(name):
    result = json.load(open(os.path.join(results, name)))
    ticks = [int(t) for t in open(os.path.join(results, name + ".ticks")).read().split()]
    result["request_cpu_us"] = (ticks[4] - ticks[0]) * 1e6 / clk_tck
    result["jit_cpu_us"] = (ticks[6] - ticks[2]) * 1e6 / clk_tck
    return result

runs = {(a, c): [run(f"{n}-{a}-{c}.json") for n in range(1, rounds + 1)] for a, _ in apps for c, _ in cases}

def rps(a, c):
    return sum(x["requests"] for x in runs[(a, c)]) / (sum(x["duration_us"] for x in runs[(a, c)]) / 1e6)

def cpu(a, c):
    return sum(x["request_cpu_us"] for x in runs[(a, c)]) / sum(x["requests"] for x in runs[(a, c)])

def round_ratios(a, b, c):
    return [x["requests"] / (x["duration_us"]) / (y["requests"] / y["duration_us"])
            for x, y in zip(runs[(a, c)], runs[(b, c)])]

def spread(values):
    return f"{min(values):.2f}–{max(values):.2f}" if len(values) > 1 else ""

def base(a):
    return a if baseline_of[a] == "-" else baseline_of[a]

def p99(a, c):
    return statistics.median(x["p99_us"] for x in runs[(a, c)]) / 1000

print("| Case | App | Requests/s | p99 latency | × baseline | (per round) | p99 × baseline | CPU per request | × baseline |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for c, case in cases:
    for a, app in apps:
        b = base(a)
        ratio = rps(a, c) / rps(b, c)
        shown = app if b == a else f"{app} (baseline: {b})"
        print(f"| {case} | {shown} | {rps(a, c):,.0f} | {p99(a, c):.1f} ms | {ratio:.2f}× "
              f"| {spread(round_ratios(a, b, c))} | {p99(a, c) / p99(b, c):.2f}× "
              f"| {cpu(a, c):.0f} µs | {cpu(a, c) / cpu(b, c):.2f}× |")

def overhead(a, c):
    return 1 - rps(a, c) / rps(base(a), c)

def cpu_overhead(a, c):
    return 1 - cpu(base(a), c) / cpu(a, c)

def ran(*names):
    return all(n in baseline_of for n in names)

verdict = lambda ok: "met" if ok else "**missed**"
goals = []
if ran("starter", "spring-boot"):
    goals += [
        ("repeated token: starter overhead ≤ ½ of stock Boot's",
         (overhead("starter", "repeated"), overhead("spring-boot", "repeated")),
         (cpu_overhead("starter", "repeated"), cpu_overhead("spring-boot", "repeated")),
         lambda v: f"{v[0]:.0%} vs {v[1]:.0%}", lambda v: v[0] <= v[1] / 2),
        ("distinct tokens: starter ≥ 1.0× stock Boot",
         rps("starter", "distinct") / rps("spring-boot", "distinct"),
         cpu("spring-boot", "distinct") / cpu("starter", "distinct"),
         lambda v: f"{v:.2f}×", lambda v: v >= 1.0),
    ]
if ran("starter"):
    goals.append(("repeated token: starter ≥ 0.8× no-auth",
                  rps("starter", "repeated") / rps("no-auth", "repeated"),
                  cpu("no-auth", "repeated") / cpu("starter", "repeated"),
                  lambda v: f"{v:.2f}×", lambda v: v >= 0.8))
for a in ("starter-actuator", "starter-actuator+no-filter-observations", "starter-actuator+requests-unobserved"):
    if ran(a):
        goals.append((f"Actuator, repeated token: {a} ≥ 0.8× no-auth-actuator",
                      rps(a, "repeated") / rps("no-auth-actuator", "repeated"),
                      cpu("no-auth-actuator", "repeated") / cpu(a, "repeated"),
                      lambda v: f"{v:.2f}×", lambda v: v >= 0.8))
        goals.append((f"Actuator, repeated token: {a} p99 ≤ 1.5× no-auth-actuator's",
                      p99(a, "repeated") / p99("no-auth-actuator", "repeated"), None,
                      lambda v: f"{v:.2f}×", lambda v: v <= 1.5))
if ran("starter-accp", "spring-boot"):
    goals.append(("ACCP, distinct tokens: starter-accp ≥ 2× stock Boot",
                  rps("starter-accp", "distinct") / rps("spring-boot", "distinct"),
                  cpu("spring-boot", "distinct") / cpu("starter-accp", "distinct"),
                  lambda v: f"{v:.2f}×", lambda v: v >= 2.0))
print()
print("| Goal | By requests/s (p99) | | By CPU per request | |")
print("|---|---:|---|---:|---|")
for label, by_rps, by_cpu, show, met in goals:
    cpu_cells = "| |" if by_cpu is None else f"{show(by_cpu)} | {verdict(met(by_cpu))} |"
    print(f"| {label} | {show(by_rps)} | {verdict(met(by_rps))} | {cpu_cells}")
print()
problems = [f"{a} {c} round {n + 1}: {x['non_2xx']} non-2xx, {x['socket_errors']} socket errors"
            for (a, c), xs in runs.items() for n, x in enumerate(xs) if x["non_2xx"] or x["socket_errors"]]
reused = [f"{a}: {sum(x['reused_tokens'] for x in runs[(a, 'distinct')]):,}" for a, _ in apps
          if not a.startswith("no-auth") and any(x["reused_tokens"] for x in runs[(a, "distinct")])]
compiling = [f"{a} {c} round {n + 1} ({x['jit_cpu_us'] / x['requests']:.0f} µs per request)"
             for (a, c), xs in runs.items() for n, x in enumerate(xs)
             if x["jit_cpu_us"] > 0.05 * x["request_cpu_us"]]
if problems:
    print("Errors (these figures do not count): " + "; ".join(problems))
if compiling:
    print("The JIT compiler was still busy (over 5 % of the request threads' CPU) during: " + "; ".join(compiling)
          + ". Those figures are too low; raise WARMUP_MIN.")
if reused:
    print("Distinct tokens ran out, requests that reused a token (raise TOKENS): " + "; ".join(reused))
if not problems and not reused and not compiling:
    print("Every response was 2xx, and no application was sent the same token twice in the distinct case.")
PY
