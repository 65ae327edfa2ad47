#!/usr/bin/env bash
# Profiles one application of the HTTP benchmark (default: the starter) with Java Flight
# Recorder under wrk load, and prints where the request threads spend their time.
#
#   benchmarks/profile.sh [starter|spring-boot|no-auth] [repeated|distinct]
#
# Run benchmarks/http.sh once first (it writes the key and tokens); this script rebuilds
# the application.
# Settings (environment): WARMUP (60 s), SECONDS_RECORDED (20), THREADS (2), CONNECTIONS (32),
# PORT (18090). The recording is kept in benchmarks/target/http/<app>-<case>.jfr.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
APP="${1:-starter}"
CASE="${2:-repeated}"
WARMUP="${WARMUP:-60}"
SECONDS_RECORDED="${SECONDS_RECORDED:-20}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
PORT="${PORT:-18090}"
OUT="$ROOT/benchmarks/target/http"
KEYS="$OUT/keys"
JAR="benchmarks/apps/$APP/target/benchmark-app-$APP.jar"
JFR="$OUT/$APP-$CASE.jfr"
TOKENS="$KEYS/token.txt"
[ "$CASE" = distinct ] && TOKENS="$KEYS/tokens.txt"
for tool in java jcmd jfr wrk curl python3; do
	command -v "$tool" >/dev/null || { echo "profile.sh: $tool is required" >&2; exit 1; }
done
if [ ! -f "$TOKENS" ]; then
	echo "profile.sh: run benchmarks/http.sh first (it writes the key and tokens)" >&2
	exit 1
fi
./mvnw -B -q -o package -DskipTests -pl "benchmarks/apps/$APP" -am \
	|| ./mvnw -B -q package -DskipTests -pl "benchmarks/apps/$APP" -am

PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; true' EXIT
java -Xms512m -Xmx512m -XX:FlightRecorderOptions:stackdepth=256 -jar "$JAR" --server.address=127.0.0.1 \
	--server.port="$PORT" --bench.keys="$KEYS" >"$OUT/$APP-profile.log" 2>&1 &
PID=$!
for _ in $(seq 240); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/hello" || true)" != 000 ] && break
	sleep 0.5
done
load() {
	wrk -t "$THREADS" -c "$CONNECTIONS" -d "${1}s" -s benchmarks/wrk/tokens.lua "http://127.0.0.1:$PORT/hello" \
		-- "$TOKENS" "$THREADS" "$OUT/profile-wrk.json" "${2:-0}" >/dev/null
}
echo "== $APP, $CASE token(s): ${WARMUP}s warm-up, then ${SECONDS_RECORDED}s recorded (load $(cut -d' ' -f1-3 /proc/loadavg))"
load "$WARMUP"
# the JDK's "profile" settings, with a 1 ms method sampling period
JFC="$OUT/profile.jfc"
sed 's#<setting name="period" control="method-sampling-java-interval">[^<]*<#<setting name="period" control="method-sampling-java-interval">1 ms<#' \
	"$(dirname "$(readlink -f "$(command -v java)")")/../lib/jfr/profile.jfc" >"$JFC"
jcmd "$PID" JFR.start name=benchmark settings="$JFC" filename="$JFR" >/dev/null
load "$SECONDS_RECORDED" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["next_row"])' "$OUT/profile-wrk.json")"
jcmd "$PID" JFR.stop name=benchmark >/dev/null
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("== %.0f requests/s while recording" % (r["requests"] / r["duration_us"] * 1e6))' "$OUT/profile-wrk.json"
echo

python3 - "$JFR" <<'PY'
import collections, json, subprocess, sys

events = json.loads(subprocess.check_output(
    ["jfr", "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample", sys.argv[1]]))["recording"]["events"]
CHAIN = {"FilterChainProxy$VirtualFilterChain.doFilter", "ApplicationFilterChain.doFilter",
         "ObservationFilterChainDecorator$VirtualFilterChain.doFilter"}

def name(frame):
    return frame["method"]["type"]["name"].rsplit("/", 1)[-1] + "." + frame["method"]["name"]

def observing(raw):
    """the sample's own work (up to the filter, servlet or handler it runs in) is Micrometer's or
    an observation wrapper's: Spring Security's ObservationFilterChainDecorator and
    ObservationAuthorizationManager, Spring's ServerHttpObservationFilter"""
    for f in raw:
        kind, method = f["method"]["type"]["name"], f["method"]["name"]
        if kind.startswith("io/micrometer/") or "Observation" in kind.rsplit("/", 1)[-1]:
            return True
        if method in ("doFilter", "doFilterInternal", "doService", "handle", "invoke"):
            return False
    return False

def inside(frames, method, stop_at_chain=False):
    """method on the stack; with stop_at_chain, only its own work, not the filters it calls"""
    if method not in frames:
        return False
    return not stop_at_chain or not any(f in CHAIN for f in frames[:frames.index(method)])

rows = collections.Counter()
total = 0
for event in events:
    raw = (event["values"]["stackTrace"] or {"frames": []})["frames"]
    frames = [name(f) for f in raw]
    if not any(f.startswith("Http11Processor.") for f in frames):
        continue
    total += 1
    if observing(raw):
        rows["Micrometer observations, wherever they run (also counted in the rows above)"] += 1
    if "DispatcherServlet.doService" in frames:
        rows["Spring MVC (DispatcherServlet and the controller)"] += 1
    elif "FilterChainProxy.doFilter" in frames:
        rows["Spring Security filter chain"] += 1
        if any(f.startswith("StrictHttpFirewall") for f in frames):
            rows["  of which StrictHttpFirewall (all its checks)"] += 1
        if inside(frames, "JwtAuthenticationFilter.doFilterInternal", True):
            rows["  of which this starter's filter (own work, not the filters after it)"] += 1
            if "TokenResolver.resolve" in frames:
                rows["    token lookup (TokenResolver)"] += 1
                if any(f.startswith("StrictHttpFirewall") for f in frames):
                    rows["      of which the firewall's header-value check"] += 1
            if "JwtVerifier.verify" in frames:
                rows["    verification (JwtVerifier)"] += 1
                if "VerifiedTokenCache.get" in frames:
                    rows["      cache lookup (hashing the token string)"] += 1
                if "ProviderJwtDecoder.decode" in frames:
                    rows["      decoding: signature and claims (cache misses)"] += 1
        if inside(frames, "BearerTokenAuthenticationFilter.doFilterInternal", True):
            rows["  of which BearerTokenAuthenticationFilter (stock Boot's own work)"] += 1
            if "JwtAuthenticationProvider.authenticate" in frames:
                rows["    JwtAuthenticationProvider (decoding, every request)"] += 1
    elif "ApplicationFilterChain.doFilter" in frames:
        rows["other servlet filters"] += 1
    else:
        rows["Tomcat: HTTP parsing, writing, connection handling"] += 1

order = [
    "Tomcat: HTTP parsing, writing, connection handling",
    "other servlet filters",
    "Spring Security filter chain",
    "  of which StrictHttpFirewall (all its checks)",
    "  of which this starter's filter (own work, not the filters after it)",
    "    token lookup (TokenResolver)",
    "      of which the firewall's header-value check",
    "    verification (JwtVerifier)",
    "      cache lookup (hashing the token string)",
    "      decoding: signature and claims (cache misses)",
    "  of which BearerTokenAuthenticationFilter (stock Boot's own work)",
    "    JwtAuthenticationProvider (decoding, every request)",
    "Spring MVC (DispatcherServlet and the controller)",
    "Micrometer observations, wherever they run (also counted in the rows above)",
]
print(f"| Where the request threads are ({total:,} samples) | Share |")
print("|---|---:|")
for key in order:
    indent = len(key) - len(key.lstrip())
    if indent == 0 or rows[key]:
        print(f"| {'&nbsp;' * indent}{key.strip()} | {rows[key] / total:.1%} |")
PY
