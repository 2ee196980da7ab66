#!/usr/bin/env bash
# The cost of POST /api/v1/investigations/outcome against POST /api/v1/toolsets/{name}/failures, in the
# same run against the same service process (docs/benchmarks.md, "Investigation outcomes"). Rounds are
# interleaved, so drift of a shared machine hits both alike; the ratio is the median of per-round ratios.
# Run it where nothing else competes, e.g. under the machine's build lock:
#
#   flock /tmp/mvn.lock scripts/outcome-benchmark.sh [service.jar]
#
# Knobs (environment): ROUNDS (5), WRK_SECONDS (10), WARMUP_SECONDS (20), WRK_CONNECTIONS (16), JVM_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-bootstrap/target/toolset-config-service.jar}
ROUNDS=${ROUNDS:-5}
WRK_SECONDS=${WRK_SECONDS:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -XX:MaxRAM=384m}
RESULTS=benchmarks/target/results/outcome
mkdir -p "$RESULTS"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

port=$(( 20000 + RANDOM % 20000 ))
export TOOLSET_STARTUP_PROBES=false TOOLSET_LOG_FORMAT=json
java $JVM_FLAGS -jar "$JAR" serve --config examples/toolsets.yaml --host 127.0.0.1 --port "$port" \
    >"$RESULTS/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break
    kill -0 $pid 2>/dev/null || { cat "$RESULTS/service.log" >&2; exit 1; }
    sleep 0.1
done
base="http://127.0.0.1:$port"

# The same engine error both ways: one toolset named by the failures route, and an investigation
# error text that the outcome route matches against every defined toolset's patterns (it matches
# prometheus/metrics by its family default and its endpoint's host). The counts climb past the
# threshold in both, so both pay the cooldown path alike.
error='Get \"http://prometheus-server.monitoring.svc:9090/api/v1/query\": dial tcp: connection refused'
failure_body='{"errorType":"ConnectionError","errorMessage":"'"$error"'"}'
outcome_body='{"result":"failure","errorType":"ConnectionError","error":"'"$error"'","toolsetsUsed":["kubernetes/core","prometheus/metrics"]}'
for name in failure outcome; do
    body_var=${name}_body
    # A Lua long string takes the JSON as it is, backslashes included.
    printf 'wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n' \
        "${!body_var}" >"$RESULTS/$name.lua"
done
curl -sf -X POST -H 'Content-Type: application/json' -d "$outcome_body" "$base/api/v1/investigations/outcome" \
    | grep -q '"toolset":"prometheus/metrics"' || { echo "the outcome body does not charge prometheus/metrics" >&2; exit 1; }

run() { wrk -t1 -c"$WRK_CONNECTIONS" -d"$1s" --latency -s "$RESULTS/$2.lua" "$base$3"; }
rps() { awk '/^Requests\/sec:/ { print $2 }'; }
p99() { awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
    f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.3f", v * f }'; }

run "$WARMUP_SECONDS" failure /api/v1/toolsets/prometheus/metrics/failures >/dev/null
run "$WARMUP_SECONDS" outcome /api/v1/investigations/outcome >/dev/null
: >"$RESULTS/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
    f=$(run "$WRK_SECONDS" failure /api/v1/toolsets/prometheus/metrics/failures)
    o=$(run "$WRK_SECONDS" outcome /api/v1/investigations/outcome)
    echo "$round $(rps <<<"$f") $(p99 <<<"$f") $(rps <<<"$o") $(p99 <<<"$o")" | tee -a "$RESULTS/rounds.txt"
    grep -q 'Non-2xx' <<<"$f$o" && { echo "non-2xx answers in round $round" >&2; exit 1; }
done
# round failures_rps failures_p99_ms outcome_rps outcome_p99_ms -> mean rps, median per-round ratio, median p99
awk '{ fr += $2; orr += $4; r[NR] = $4 / $2; fp[NR] = $3; op[NR] = $5 }
     function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
         return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
     END { n = NR; printf "failures_rps=%.0f\noutcome_rps=%.0f\nratio_median=%.2f\n", fr / n, orr / n, median(r, n);
           printf "failures_p99_ms=%.2f\noutcome_p99_ms=%.2f\n", median(fp, n), median(op, n) }' "$RESULTS/rounds.txt" \
    | tee "$RESULTS/summary.properties"
