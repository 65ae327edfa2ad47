#!/usr/bin/env bash
# JMH benchmarks of the verification path, all in one run, and a table of ratios computed
# from that run's JSON result.
#
#   benchmarks/run.sh                  # from the repository root or anywhere
#   benchmarks/run.sh <jmh options>    # replaces the default options below
#   benchmarks/run.sh --report         # prints the tables of the last run again
#
# Default options: one fork, 5 warm-up iterations of 2 s, 5 measured iterations of 2 s, and
# the GC profiler for the bytes allocated per operation (about 7 minutes in all). The
# starter's benchmarks set jwt.crypto.provider=jdk, except starter*Accp (Amazon Corretto
# Crypto Provider, on the benchmarks' class path) for the provider comparison. Ratios use
# each benchmark's fastest iteration: other processes on the machine only ever add time, so
# the least disturbed iteration is the closest to the code's own cost (on a quiet machine it
# is within a few percent of the mean). Allocation per operation does not depend on load at
# all. The JMH result is kept in benchmarks/target/jmh-result.json.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RESULT="$ROOT/benchmarks/target/jmh-result.json"
REPORT_ONLY=false
if [ "${1:-}" = --report ]; then
	REPORT_ONLY=true
elif [ "$#" -eq 0 ]; then
	set -- -f 1 -wi 5 -w 2s -i 5 -r 2s -prof gc
fi

for tool in java python3; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 1; }
done

if [ "$REPORT_ONLY" = true ]; then
	LOAD_BEFORE="$(cat "$RESULT.load-before")"
	LOAD_AFTER="$(cat "$RESULT.load-after")"
else
	echo "== Building benchmarks/target/benchmarks.jar"
	./mvnw -B -q -o package -DskipTests -pl benchmarks -am || ./mvnw -B -q package -DskipTests -pl benchmarks -am
	LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "$LOAD_BEFORE" >"$RESULT.load-before"
	echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1), load $LOAD_BEFORE"
	java -jar benchmarks/target/benchmarks.jar "$@" -rf json -rff "$RESULT"
	LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "$LOAD_AFTER" >"$RESULT.load-after"
	echo
fi

python3 - "$RESULT" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys

result, load_before, load_after = sys.argv[1:4]
score, best, allocated = {}, {}, {}
for entry in json.load(open(result)):
    name = entry["benchmark"].rsplit(".", 1)[1]
    metric = entry["primaryMetric"]
    score[name] = (metric["score"], metric["scoreError"], metric["scoreUnit"])
    best[name] = min(value for fork in metric["rawData"] for value in fork)
    gc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    if gc:
        allocated[name] = gc["score"]

print("| Benchmark | Mean per operation | Fastest iteration | Allocated per operation |")
print("|---|---:|---:|---:|")
for name, (value, error, unit) in score.items():
    error = f" ± {float(error):,.0f}" if str(error) != "NaN" else ""  # NaN with a single iteration
    bytes_per_op = f"{allocated[name]:,.0f} B" if name in allocated else ""
    print(f"| {name} | {value:,.0f}{error} {unit} | {best[name]:,.0f} {unit} | {bytes_per_op} |")
print()

def ratio(a, b):
    return best[a] / best[b] if a in best and b in best else None

def row(label, a, b, goal="", ok=None):
    return (label, ratio(a, b), goal, ok, (a, b))

rows = [
    row("starter RS256, cache miss ÷ raw Nimbus RS256", "starterRs256", "nimbusRs256", "≤ 1.10", lambda r: r <= 1.10),
    row("starter RS256, cache miss ÷ stock Spring Security RS256 (decode + Authentication)",
        "starterRs256", "springSecurityRs256"),
    row("starter ES256, cache miss ÷ raw Nimbus ES256", "starterEs256", "nimbusEs256", "≤ 1.10", lambda r: r <= 1.10),
    row("starter with 10 providers ÷ with 1", "starterRs256Providers10", "starterRs256", "≤ 1.05", lambda r: r <= 1.05),
    row("starter with 100 providers ÷ with 1", "starterRs256Providers100", "starterRs256", "≤ 1.05",
        lambda r: r <= 1.05),
    row("raw Nimbus RS256 verify ÷ starter cache hit (speed-up)", "nimbusRs256", "starterRs256CacheHit", "≥ 20",
        lambda r: r >= 20),
    row("starter cache miss ÷ cache hit (speed-up)", "starterRs256", "starterRs256CacheHit"),
    row("starter scope authorities ÷ Spring Security's JwtGrantedAuthoritiesConverter", "starterScopeAuthorities",
        "springSecurityScopeAuthorities"),
    row("starter 3-claim authority mapping ÷ raw Nimbus RS256 verify", "starterThreeClaimAuthorities", "nimbusRs256"),
    row("RBAC decision, 10 policies ÷ raw Nimbus RS256 verify", "rbacDecision10Policies", "nimbusRs256"),
    row("RBAC decision, 10 policies ÷ starter cache hit", "rbacDecision10Policies", "starterRs256CacheHit"),
    row("ACCP: raw Nimbus RS256 (JDK) ÷ starter RS256 cache miss on ACCP (speed-up)", "nimbusRs256",
        "starterRs256Accp", "≥ 2.5", lambda r: r >= 2.5),
    row("ACCP: raw Nimbus ES256 (JDK) ÷ starter ES256 cache miss on ACCP (speed-up)", "nimbusEs256",
        "starterEs256Accp", "≥ 10", lambda r: r >= 10),
    row("ACCP ceiling: raw Nimbus RS256 (JDK) ÷ ACCP's RS256 signature check alone (speed-up)", "nimbusRs256",
        "signatureRs256Accp"),
    row("ACCP: JDK's RS256 signature check ÷ ACCP's (speed-up)", "signatureRs256Jdk", "signatureRs256Accp"),
    row("Signature check's share of raw Nimbus RS256 (JDK)", "signatureRs256Jdk", "nimbusRs256"),
    row("Signature check's share of the starter's RS256 cache miss on ACCP", "signatureRs256Accp",
        "starterRs256Accp"),
    row("ACCP: starter RS256 on the JDK ÷ on ACCP (speed-up)", "starterRs256", "starterRs256Accp"),
    row("ACCP: starter ES256 on the JDK ÷ on ACCP (speed-up)", "starterEs256", "starterEs256Accp"),
    row("EdDSA (Ed25519, Tink): starter cache miss ÷ starter RS256 on the JDK", "starterEdDsa", "starterRs256"),
]
print("| Ratio (fastest iterations) | Value | Goal | | Allocation ratio |")
print("|---|---:|---|---|---:|")
for label, value, goal, ok, (a, b) in rows:
    if value is None:
        print(f"| {label} | not run | {goal} | | |")
        continue
    verdict = "" if ok is None else ("met" if ok(value) else "**missed**")
    bytes_ratio = f"{allocated[a] / allocated[b]:.2f}" if a in allocated and b in allocated and allocated[b] > 1 else ""
    print(f"| {label} | {value:.2f} | {goal} | {verdict} | {bytes_ratio} |")
print()
print(f"Load average (1, 5, 15 min) before the run: {load_before}; after: {load_after}.")
PY
